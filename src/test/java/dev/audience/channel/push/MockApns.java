package dev.audience.channel.push;

import com.eatthepath.pushy.apns.ApnsPushNotification;
import com.eatthepath.pushy.apns.auth.ApnsVerificationKey;
import com.eatthepath.pushy.apns.server.MockApnsServer;
import com.eatthepath.pushy.apns.server.MockApnsServerBuilder;
import com.eatthepath.pushy.apns.server.ParsingMockApnsServerListenerAdapter;
import com.eatthepath.pushy.apns.server.PushNotificationHandler;
import com.eatthepath.pushy.apns.server.PushNotificationHandlerFactory;
import com.eatthepath.pushy.apns.server.RejectedNotificationException;
import com.eatthepath.pushy.apns.server.RejectionReason;
import com.eatthepath.pushy.apns.server.ValidatingPushNotificationHandlerFactory;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.cert.X509Certificate;
import java.security.interfaces.ECPublicKey;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Pushy's MockApnsServer over TLS (a certificate made here) validating token authentication as APNs does: the
 * provider token's signature against the team's verification key, the topic against the key's topics, the
 * device token against the topic's registered tokens. It can be told to throttle the next notifications.
 */
final class MockApns implements AutoCloseable {
    static final String KEY_ID = "ABC123DEFG";
    static final String TEAM_ID = "TEAM123456";
    static final String TOPIC = "com.example.app";
    static final String GOOD_TOKEN = "a".repeat(64);
    static final String UNREGISTERED_TOKEN = "b".repeat(64);
    static final String UNKNOWN_TOKEN = "c".repeat(64);
    static final Instant UNREGISTERED_SINCE = Instant.parse("2026-11-01T12:00:00Z");

    final Path keyFile;
    final Path trustFile;
    final int port;
    final BlockingQueue<ApnsPushNotification> accepted = new LinkedBlockingQueue<>();
    final BlockingQueue<String> rejected = new LinkedBlockingQueue<>();
    final AtomicInteger throttleNext = new AtomicInteger();
    private final MockApnsServer server;

    MockApns(Path dir) throws Exception {
        KeyPair signing = TestKeys.ecP256();
        keyFile = Files.writeString(dir.resolve("AuthKey_" + KEY_ID + ".p8"), TestKeys.pkcs8Pem(signing.getPrivate()));
        KeyPair tls = TestKeys.ecP256();
        X509Certificate cert = TestKeys.selfSigned(tls);
        trustFile = Files.writeString(dir.resolve("apns-test-ca.pem"), TestKeys.certificatePem(cert));

        ApnsVerificationKey verification = new ApnsVerificationKey(KEY_ID, TEAM_ID, (ECPublicKey) signing.getPublic());
        var validating = new ValidatingPushNotificationHandlerFactory(
                Map.of(TOPIC, Set.of(GOOD_TOKEN)), Map.of(UNREGISTERED_TOKEN, UNREGISTERED_SINCE),
                Map.of(KEY_ID, verification), Map.of(verification, Set.of(TOPIC)));
        PushNotificationHandlerFactory throttling = session -> {
            PushNotificationHandler validate = validating.buildHandler(session);
            return (headers, payload) -> {
                if (throttleNext.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
                    throw new RejectedNotificationException(RejectionReason.TOO_MANY_REQUESTS);
                }
                validate.handlePushNotification(headers, payload);
            };
        };
        server = new MockApnsServerBuilder()
                .setServerCredentials(new X509Certificate[] {cert}, tls.getPrivate(), null)
                .setHandlerFactory(throttling)
                .setListener(new ParsingMockApnsServerListenerAdapter() {
                    @Override
                    public void handlePushNotificationAccepted(ApnsPushNotification n) {
                        accepted.add(n);
                    }

                    @Override
                    public void handlePushNotificationRejected(ApnsPushNotification n, RejectionReason reason, Instant expiry) {
                        rejected.add(reason.name());
                    }
                })
                .build();
        port = server.start(0).get(10, TimeUnit.SECONDS);
    }

    ApnsSettings settings(int connections) {
        return new ApnsSettings(keyFile, KEY_ID, TEAM_ID, TOPIC, "127.0.0.1", port, Optional.of(trustFile), connections);
    }

    /** The next accepted notification, waiting for the server's listener (it runs after the reply is sent). */
    ApnsPushNotification nextAccepted() throws InterruptedException {
        ApnsPushNotification n = accepted.poll(10, TimeUnit.SECONDS);
        if (n == null) throw new AssertionError("the mock APNs server accepted nothing");
        return n;
    }

    @Override
    public void close() throws Exception {
        server.shutdown().get(10, TimeUnit.SECONDS);
    }
}
