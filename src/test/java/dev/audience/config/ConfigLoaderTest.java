package dev.audience.config;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ConfigLoaderTest {
    @TempDir
    Path dir;

    @Test
    void defaultsAreEmbeddedOnLocalhost() {
        AudienceConfig c = new ConfigLoader(Map.of()).load(Optional.empty(), Map.of());
        assertThat(c.database().embedded()).isTrue();
        assertThat(c.http().port()).isEqualTo(8080);
        assertThat(c.http().host()).isEqualTo("127.0.0.1");
        assertThat(c.bootstrapKey()).isEmpty();
    }

    @Test
    void environmentOverridesTheFileAndFlagsOverrideBoth() throws IOException {
        Path file = dir.resolve("audience.properties");
        Files.writeString(file, "http.port = 9000\nlog.format = json\ndata.dir = /var/lib/audience\n");
        ConfigLoader loader = new ConfigLoader(Map.of("AUDIENCE_HTTP_PORT", "9100",
                "AUDIENCE_DATABASE_URL", "jdbc:postgresql://db/audience", "AUDIENCE_BOOTSTRAP_KEY", "k".repeat(30)));
        AudienceConfig c = loader.load(Optional.of(file), Map.of());
        assertThat(c.http().port()).isEqualTo(9100);
        assertThat(c.log().format()).isEqualTo("json");
        assertThat(c.dataDir()).isEqualTo(Path.of("/var/lib/audience"));
        assertThat(c.database().embedded()).isFalse();
        assertThat(c.bootstrapKey()).contains("k".repeat(30));
        assertThat(loader.load(Optional.of(file), Map.of("http.port", "9200")).http().port()).isEqualTo(9200);
    }

    @Test
    void aBadValueIsNamedWithItsSource() {
        ConfigLoader loader = new ConfigLoader(Map.of("AUDIENCE_HTTP_PORT", "eighty"));
        assertThatThrownBy(() -> loader.load(Optional.empty(), Map.of()))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("http.port")
                .hasMessageContaining("AUDIENCE_HTTP_PORT")
                .hasMessageContaining("eighty");
        assertThatThrownBy(() -> new ConfigLoader(Map.of("AUDIENCE_DATABASE_URL", "mysql://x")).load(Optional.empty(), Map.of()))
                .hasMessageContaining("database.url");
        assertThatThrownBy(() -> new ConfigLoader(Map.of("AUDIENCE_LOG_FORMAT", "xml")).load(Optional.empty(), Map.of()))
                .hasMessageContaining("log.format").hasMessageContaining("text, json");
        assertThatThrownBy(() -> new ConfigLoader(Map.of("AUDIENCE_BOOTSTRAP_KEY", "short")).load(Optional.empty(), Map.of()))
                .hasMessageContaining("bootstrap.key").hasMessageNotContaining("short\"");
        for (String bad : new String[] {"http://localhost", "exa mple.com", "host:8080x", "-lead.example",
                "127.0.0.1:8080", "cafe:80", ":", "::::::", "999.999.999.999", "1.2.3", "1:2:3:4:5:6:7:8:9", "a..b"}) {
            assertThatThrownBy(() -> new ConfigLoader(Map.of("AUDIENCE_HTTP_HOST", bad)).load(Optional.empty(), Map.of()))
                    .as(bad).hasMessageContaining("http.host");
        }
        for (String good : new String[] {"0.0.0.0", "::", "::1", "fe80::1", "localhost", "audience.internal",
                "2001:db8:0:0:0:0:2:1", "::ffff:192.0.2.1", "10.1.2.3", "my-host"}) {
            assertThat(new ConfigLoader(Map.of("AUDIENCE_HTTP_HOST", good)).load(Optional.empty(), Map.of()).http().host())
                    .isEqualTo(good);
        }
    }

    @Test
    void anUnknownKeyInTheFileIsAnError() throws IOException {
        Path file = dir.resolve("typo.properties");
        Files.writeString(file, "http.prot = 9000\n");
        assertThatThrownBy(() -> new ConfigLoader(Map.of()).load(Optional.of(file), Map.of()))
                .isInstanceOf(ConfigException.class).hasMessageContaining("http.prot");
    }

    @Test
    void promotedPropertiesAreListedWithTypes() {
        AudienceConfig c = new ConfigLoader(Map.of("AUDIENCE_EVENTS_PROMOTED_PROPERTIES", "url:string, amount:number"))
                .load(Optional.empty(), Map.of());
        assertThat(c.events().promotedProperties()).containsExactly(new AudienceConfig.PromotedProperty("url", "string"),
                new AudienceConfig.PromotedProperty("amount", "number"));
        assertThatThrownBy(() -> new ConfigLoader(Map.of("AUDIENCE_EVENTS_PROMOTED_PROPERTIES", "url")).load(Optional.empty(),
                Map.of())).hasMessageContaining("events.promoted_properties").hasMessageContaining("property:type");
    }

    @Test
    void envNamesFollowTheKeys() {
        assertThat(ConfigLoader.envName("database.pool_size")).isEqualTo("AUDIENCE_DATABASE_POOL_SIZE");
    }
}
