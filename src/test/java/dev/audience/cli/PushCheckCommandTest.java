package dev.audience.cli;

import dev.audience.channel.push.TestKeys;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code audience push check}: per provider, whether its settings load and why not. */
class PushCheckCommandTest {
    @TempDir
    Path dir;

    private static CliRun run(String... args) {
        return CliRun.of(args);
    }

    private Path config(String... lines) throws Exception {
        return Files.writeString(dir.resolve("audience.properties"), String.join("\n", lines) + "\n");
    }

    private String apnsKeys(Path keyFile) {
        return "apns.key_file = " + keyFile + "\napns.key_id = ABC123DEFG\napns.team_id = TEAM123456\napns.topic = com.example.app";
    }

    @Test
    void nothingConfigured() throws Exception {
        CliRun r = run("push", "check", "--config", config("log.level = warn").toString());
        assertThat(r.code()).isZero();
        assertThat(r.out()).isEqualTo("""
                APNs: not configured (set apns.key_file, apns.key_id, apns.team_id and apns.topic to send to iOS devices)
                FCM: not configured (set fcm.credentials_file to send to Android devices)
                """);
    }

    @Test
    void bothLoad() throws Exception {
        Path p8 = Files.writeString(dir.resolve("AuthKey.p8"), TestKeys.pkcs8Pem(TestKeys.ecP256().getPrivate()));
        Path ca = Files.writeString(dir.resolve("ca.pem"), TestKeys.certificatePem(TestKeys.selfSigned(TestKeys.ecP256())));
        Path account = Files.writeString(dir.resolve("firebase.json"), TestKeys.serviceAccountJson(TestKeys.rsa2048(),
                "my-project", "push@my-project.iam.gserviceaccount.com", "http://127.0.0.1:9/token"));
        CliRun r = run("push", "check", "--config", config(apnsKeys(p8), "apns.server = 127.0.0.1:8443",
                "apns.trust_file = " + ca, "fcm.credentials_file = " + account, "fcm.endpoint = http://127.0.0.1:9099/").toString());
        assertThat(r.code()).as(r.out() + r.err()).isZero();
        assertThat(r.out()).isEqualTo("APNs: loads: key ABC123DEFG of team TEAM123456 from " + p8 + ", topic com.example.app,"
                + " server 127.0.0.1:8443, also trusting " + ca + ", 2 connections\n"
                + "FCM: loads: service account push@my-project.iam.gserviceaccount.com of project my-project from " + account
                + ", access tokens from http://127.0.0.1:9/token, sending to"
                + " http://127.0.0.1:9099/v1/projects/my-project/messages:send\n");
    }

    @Test
    void appleServersAreNamed() throws Exception {
        Path p8 = Files.writeString(dir.resolve("AuthKey.p8"), TestKeys.pkcs8Pem(TestKeys.ecP256().getPrivate()));
        CliRun r = run("push", "check", "--config", config(apnsKeys(p8), "apns.server = sandbox").toString());
        assertThat(r.out()).startsWith("APNs: loads: key ABC123DEFG of team TEAM123456 from " + p8 + ", topic com.example.app,"
                + " server api.sandbox.push.apple.com:443 (sandbox), 2 connections\n");
    }

    @Test
    void eachProviderSaysWhyItDoesNotLoad() throws Exception {
        Path notAKey = Files.writeString(dir.resolve("AuthKey.p8"), "-----BEGIN PRIVATE KEY-----\nAAAA\n-----END PRIVATE KEY-----\n");
        Path account = Files.writeString(dir.resolve("firebase.json"), "{\"type\":\"authorized_user\"}");
        CliRun r = run("push", "check", "--config", config(apnsKeys(notAKey), "fcm.credentials_file = " + account).toString());
        assertThat(r.code()).isEqualTo(1);
        assertThat(r.out()).startsWith("APNs: does not load: apns.key_file (AUDIENCE_APNS_KEY_FILE): " + notAKey
                + " is not an APNs signing key");
        assertThat(r.out()).contains("\nFCM: does not load: fcm.credentials_file (AUDIENCE_FCM_CREDENTIALS_FILE): " + account
                + " has \"type\": \"authorized_user\"");

        CliRun missing = run("push", "check", "--config", config(apnsKeys(dir.resolve("gone.p8"))).toString());
        assertThat(missing.code()).isEqualTo(1);
        assertThat(missing.out()).startsWith("APNs: does not load: apns.key_file (AUDIENCE_APNS_KEY_FILE): "
                + dir.resolve("gone.p8") + ": no such file\nFCM: not configured");
    }

    @Test
    void aConfigurationErrorNamesTheKey() throws Exception {
        CliRun r = run("push", "check", "--config", config("apns.topic = com.example.app").toString());
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).startsWith("audience: configuration error: apns.key_file (from default) must be set when apns.topic is");
    }
}
