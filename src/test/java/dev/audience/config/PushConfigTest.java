package dev.audience.config;

import org.junit.jupiter.api.Test;

import java.net.URI;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PushConfigTest {
    private static final Map<String, String> APNS = Map.of("AUDIENCE_APNS_KEY_FILE", "/etc/audience/AuthKey_ABC123DEFG.p8",
            "AUDIENCE_APNS_KEY_ID", "ABC123DEFG", "AUDIENCE_APNS_TEAM_ID", "TEAM123456", "AUDIENCE_APNS_TOPIC", "com.example.app");

    private static AudienceConfig load(Map<String, String> env) {
        return new ConfigLoader(env).load(Optional.empty(), Map.of());
    }

    private static Map<String, String> with(Map<String, String> base, String key, String value) {
        Map<String, String> m = new HashMap<>(base);
        if (value == null) m.remove(key);
        else m.put(key, value);
        return m;
    }

    @Test
    void pushIsOffUntilConfigured() {
        AudienceConfig.Push push = load(Map.of()).push();
        assertThat(push.apns()).isEmpty();
        assertThat(push.fcm()).isEmpty();
        // settings with defaults alone do not turn a provider on
        assertThat(load(Map.of("AUDIENCE_APNS_SERVER", "sandbox", "AUDIENCE_APNS_TRUST_FILE", "/ca.pem")).push().apns()).isEmpty();
    }

    @Test
    void apnsFromTheEnvironment() {
        AudienceConfig.Apns a = load(APNS).push().apns().orElseThrow();
        assertThat(a).isEqualTo(new AudienceConfig.Apns(Path.of("/etc/audience/AuthKey_ABC123DEFG.p8"), "ABC123DEFG",
                "TEAM123456", "com.example.app", "production", "api.push.apple.com", 443, Optional.empty(), 2));
        AudienceConfig.Apns sandbox = load(with(APNS, "AUDIENCE_APNS_SERVER", "sandbox")).push().apns().orElseThrow();
        assertThat(sandbox.host()).isEqualTo("api.sandbox.push.apple.com");
        Map<String, String> test = with(with(with(APNS, "AUDIENCE_APNS_SERVER", "127.0.0.1:8443"),
                "AUDIENCE_APNS_TRUST_FILE", "/tmp/ca.pem"), "AUDIENCE_APNS_CONNECTIONS", "4");
        AudienceConfig.Apns local = load(test).push().apns().orElseThrow();
        assertThat(local.host()).isEqualTo("127.0.0.1");
        assertThat(local.port()).isEqualTo(8443);
        assertThat(local.trustFile()).contains(Path.of("/tmp/ca.pem"));
        assertThat(local.connections()).isEqualTo(4);
        assertThat(load(with(APNS, "AUDIENCE_APNS_SERVER", "[::1]:2197")).push().apns().orElseThrow().host()).isEqualTo("::1");
    }

    @Test
    void apnsNeedsAllFourOnceOneIsSet() {
        assertThatThrownBy(() -> load(with(APNS, "AUDIENCE_APNS_TEAM_ID", null))).isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("apns.team_id (from default) must be set when apns.key_file is: APNs token"
                        + " authentication needs apns.key_file, apns.key_id, apns.team_id, apns.topic");
        assertThatThrownBy(() -> load(Map.of("AUDIENCE_APNS_TOPIC", "com.example.app")))
                .hasMessageStartingWith("apns.key_file (from default) must be set when apns.topic is");
    }

    @Test
    void badApnsValuesNameTheirKey() {
        Map<String, String> rows = Map.of("AUDIENCE_APNS_KEY_ID", "abc", "AUDIENCE_APNS_TEAM_ID", "team 12345",
                "AUDIENCE_APNS_TOPIC", "com.example app", "AUDIENCE_APNS_SERVER", "apple.com",
                "AUDIENCE_APNS_CONNECTIONS", "0");
        rows.forEach((env, bad) -> {
            String key = env.substring("AUDIENCE_".length()).toLowerCase().replaceFirst("_", ".");
            assertThatThrownBy(() -> load(with(APNS, env, bad))).as(env).isInstanceOf(ConfigException.class)
                    .hasMessageStartingWith(key + " (from environment variable " + env + ")").hasMessageContaining(bad);
        });
        assertThatThrownBy(() -> load(with(APNS, "AUDIENCE_APNS_SERVER", "localhost:99999"))).hasMessageContaining("apns.server");
    }

    @Test
    void fcmWithItsEndpoint() {
        AudienceConfig.Fcm f = load(Map.of("AUDIENCE_FCM_CREDENTIALS_FILE", "/etc/audience/firebase.json")).push().fcm().orElseThrow();
        assertThat(f).isEqualTo(new AudienceConfig.Fcm(Path.of("/etc/audience/firebase.json"), URI.create("https://fcm.googleapis.com")));
        assertThat(load(Map.of("AUDIENCE_FCM_CREDENTIALS_FILE", "/f.json", "AUDIENCE_FCM_ENDPOINT", "http://127.0.0.1:9099"))
                .push().fcm().orElseThrow().endpoint()).isEqualTo(URI.create("http://127.0.0.1:9099"));
        for (String bad : new String[] {"fcm.googleapis.com", "ftp://x", "http://", "https://x/?a=b", "http://a b"}) {
            assertThatThrownBy(() -> load(Map.of("AUDIENCE_FCM_ENDPOINT", bad))).as(bad)
                    .hasMessageStartingWith("fcm.endpoint (from environment variable AUDIENCE_FCM_ENDPOINT) must be an http://");
        }
    }

    @Test
    void theKeysCanBeWrittenInTheFile(@org.junit.jupiter.api.io.TempDir Path dir) throws Exception {
        Path file = java.nio.file.Files.writeString(dir.resolve("audience.properties"), """
                apns.key_file = /keys/AuthKey.p8
                apns.key_id = ABC123DEFG
                apns.team_id = TEAM123456
                apns.topic = com.example.app
                apns.server = sandbox
                fcm.credentials_file = /keys/firebase.json
                """);
        AudienceConfig.Push push = new ConfigLoader(Map.of()).load(Optional.of(file), Map.of()).push();
        assertThat(push.apns().orElseThrow().server()).isEqualTo("sandbox");
        assertThat(push.fcm().orElseThrow().credentialsFile()).isEqualTo(Path.of("/keys/firebase.json"));
    }
}
