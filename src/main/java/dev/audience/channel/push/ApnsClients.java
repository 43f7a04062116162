package dev.audience.channel.push;

import com.eatthepath.pushy.apns.ApnsClient;
import com.eatthepath.pushy.apns.ApnsClientBuilder;
import com.eatthepath.pushy.apns.auth.ApnsSigningKey;
import io.netty.channel.EventLoopGroup;

import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Builds Pushy clients from {@link ApnsSettings}: the .p8 key signs the provider tokens (Pushy renews them),
 * a few HTTP/2 connections each carry many concurrent streams, and the trust file's certificates are trusted
 * in addition to the JDK's CAs. Problems loading the files are {@link PushSetupException}s naming the file.
 */
public final class ApnsClients {
    private ApnsClients() {}

    /**
     * A client whose connections run on a group that {@code groups} makes once the files have loaded; the caller
     * owns the group and shuts it down after the client.
     */
    public static ApnsClient build(ApnsSettings s, Supplier<EventLoopGroup> groups) {
        ApnsSigningKey key = signingKey(s);
        Optional<X509Certificate[]> trust = s.trustFile().map(ApnsClients::trusted);
        ApnsClientBuilder builder = new ApnsClientBuilder()
                .setApnsServer(s.host(), s.port())
                .setSigningKey(key)
                .setConcurrentConnections(s.connections());
        trust.ifPresent(builder::setTrustedServerCertificateChain);
        builder.setEventLoopGroup(groups.get());
        try {
            return builder.build();
        } catch (IOException | RuntimeException e) {
            throw new PushSetupException(PushSetupException.Part.APNS_TRUST_FILE, "cannot set up TLS for APNs: " + e.getMessage(), e);
        }
    }

    /** The signing key in {@code s.keyFile()}: a PKCS#8 EC private key in PEM, as Apple's .p8 downloads are. */
    public static ApnsSigningKey signingKey(ApnsSettings s) {
        Path file = s.keyFile();
        try (InputStream in = Files.newInputStream(file)) {
            return ApnsSigningKey.loadFromInputStream(in, s.teamId(), s.keyId());
        } catch (NoSuchFileException e) {
            throw new PushSetupException(PushSetupException.Part.APNS_KEY_FILE, file + ": no such file", e);
        } catch (IOException | GeneralSecurityException | RuntimeException e) {
            throw new PushSetupException(PushSetupException.Part.APNS_KEY_FILE, file + " is not an APNs signing key (a .p8"
                    + " file holding a PKCS#8 EC private key): " + e.getMessage(), e);
        }
    }

    /** The JDK's trusted CAs plus every certificate in {@code file} (PEM or DER). */
    static X509Certificate[] trusted(Path file) {
        List<X509Certificate> certs = new ArrayList<>(jdkCas());
        try (InputStream in = Files.newInputStream(file)) {
            var extra = CertificateFactory.getInstance("X.509").generateCertificates(in);
            if (extra.isEmpty()) throw new GeneralSecurityException("it holds no certificate");
            for (Certificate c : extra) certs.add((X509Certificate) c);
        } catch (NoSuchFileException e) {
            throw new PushSetupException(PushSetupException.Part.APNS_TRUST_FILE, file + ": no such file", e);
        } catch (IOException | GeneralSecurityException e) {
            throw new PushSetupException(PushSetupException.Part.APNS_TRUST_FILE, file + " is not an X.509 certificate"
                    + " (PEM or DER): " + e.getMessage(), e);
        }
        return certs.toArray(X509Certificate[]::new);
    }

    private static List<X509Certificate> jdkCas() {
        try {
            TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            tmf.init((KeyStore) null);
            return Arrays.stream(tmf.getTrustManagers()).filter(X509TrustManager.class::isInstance)
                    .flatMap(t -> Arrays.stream(((X509TrustManager) t).getAcceptedIssuers())).toList();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the JDK's trust store cannot be read", e);
        }
    }
}
