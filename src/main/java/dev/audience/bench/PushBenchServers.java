package dev.audience.bench;

import com.eatthepath.pushy.apns.server.AcceptAllPushNotificationHandlerFactory;
import com.eatthepath.pushy.apns.server.MockApnsServer;
import com.eatthepath.pushy.apns.server.MockApnsServerBuilder;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.util.Base64;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The providers' side of the push benchmark, run in a JVM of its own so that the server's heap is measured
 * alone: Pushy's MockApnsServer over TLS (accepting every notification) and an HTTP server speaking the FCM v1
 * send API and the OAuth token endpoint (accepting every message). Writes the APNs signing key, the TLS
 * certificate to trust and a service-account file into the directory given, prints one line
 * {@code apns=PORT fcm=PORT}, and runs until its standard input closes.
 */
public final class PushBenchServers {
    static final String KEY_ID = "BENCHKEY01";
    static final String TEAM_ID = "BENCHTEAM1";
    static final String TOPIC = "dev.audience.bench";

    private PushBenchServers() {}

    public static void main(String[] args) throws Exception {
        Path dir = Path.of(args[0]);
        Files.createDirectories(dir);
        KeyPairGenerator ec = KeyPairGenerator.getInstance("EC");
        ec.initialize(new ECGenParameterSpec("secp256r1"));
        Files.writeString(dir.resolve("AuthKey_" + KEY_ID + ".p8"), pem("PRIVATE KEY", ec.generateKeyPair().getPrivate().getEncoded()));
        KeyStore tls = selfSigned(dir);
        X509Certificate cert = (X509Certificate) tls.getCertificate("apns");
        Files.writeString(dir.resolve("trust.pem"), pem("CERTIFICATE", cert.getEncoded()));
        MockApnsServer apns = new MockApnsServerBuilder()
                .setServerCredentials(new X509Certificate[] {cert}, (PrivateKey) tls.getKey("apns", "bench1".toCharArray()), null)
                .setHandlerFactory(new AcceptAllPushNotificationHandlerFactory())
                .build();
        int apnsPort = apns.start(0).get(30, TimeUnit.SECONDS);
        HttpServer fcm = fcm(dir);
        System.out.println("apns=" + apnsPort + " fcm=" + fcm.getAddress().getPort());
        System.out.flush();
        while (System.in.read() >= 0) {
            // runs until the benchmark closes our standard input (or dies)
        }
        fcm.stop(0);
        apns.shutdown().get(30, TimeUnit.SECONDS);
    }

    /** A self-signed EC certificate for 127.0.0.1, made with the JDK's keytool. */
    private static KeyStore selfSigned(Path dir) throws Exception {
        Path store = dir.resolve("tls.p12");
        Files.deleteIfExists(store);
        String keytool = Path.of(System.getProperty("java.home"), "bin", "keytool").toString();
        Process p = new ProcessBuilder(keytool, "-genkeypair", "-alias", "apns", "-keyalg", "EC", "-groupname", "secp256r1",
                "-sigalg", "SHA256withECDSA", "-dname", "CN=127.0.0.1", "-ext", "san=ip:127.0.0.1,dns:localhost",
                "-ext", "bc:c", "-validity", "2", "-keystore", store.toString(), "-storetype", "PKCS12",
                "-storepass", "bench1", "-keypass", "bench1").redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (p.waitFor() != 0) throw new IllegalStateException("keytool failed: " + out);
        KeyStore ks = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(store)) {
            ks.load(in, "bench1".toCharArray());
        }
        return ks;
    }

    /** FCM v1 as the sender sees it: a token endpoint, and a send API that accepts every message. */
    private static HttpServer fcm(Path dir) throws Exception {
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 4096);
        AtomicLong sent = new AtomicLong();
        server.createContext("/token", x -> reply(x, "{\"access_token\":\"bench-token\",\"expires_in\":3600,\"token_type\":\"Bearer\"}"));
        server.createContext("/v1/", x -> {
            x.getRequestBody().readAllBytes();
            reply(x, "{\"name\":\"projects/bench/messages/" + sent.incrementAndGet() + "\"}");
        });
        server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        server.start();
        KeyPairGenerator rsa = KeyPairGenerator.getInstance("RSA");
        rsa.initialize(2048);
        KeyPair account = rsa.generateKeyPair();
        String tokenUri = "http://127.0.0.1:" + server.getAddress().getPort() + "/token";
        Files.writeString(dir.resolve("service-account.json"), "{\"type\":\"service_account\",\"project_id\":\"bench\","
                + "\"private_key_id\":\"key-1\",\"private_key\":\"" + pem("PRIVATE KEY", account.getPrivate().getEncoded()).replace("\n", "\\n")
                + "\",\"client_email\":\"bench@bench.iam.gserviceaccount.com\",\"client_id\":\"1\",\"token_uri\":\"" + tokenUri + "\"}");
        return server;
    }

    private static void reply(HttpExchange x, String body) throws IOException {
        byte[] b = body.getBytes(StandardCharsets.UTF_8);
        x.getResponseHeaders().set("Content-Type", "application/json");
        x.sendResponseHeaders(200, b.length);
        x.getResponseBody().write(b);
        x.close();
    }

    private static String pem(String type, byte[] der) {
        return "-----BEGIN " + type + "-----\n" + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(der)
                + "\n-----END " + type + "-----\n";
    }
}
