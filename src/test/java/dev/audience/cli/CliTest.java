package dev.audience.cli;

import dev.audience.apikey.ApiKeyKind;
import dev.audience.apikey.ApiKeyService;
import dev.audience.config.ConfigLoader;
import dev.audience.storage.Storage;
import dev.audience.storage.StorageFactory;
import dev.audience.user.ConsoleUserService;
import dev.audience.user.PasswordHasher;
import dev.audience.user.Role;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

class CliTest {
    @TempDir
    Path dir;

    private static CliRun run(String... args) {
        return CliRun.of(args);
    }

    @Test
    void keysCreatePrintsAKeyThatIsStoredOnlyAsAHash() throws IOException {
        CliRun r = run("keys", "create", "--type", "publishable", "--data", dir.toString());
        assertThat(r.code()).isEqualTo(0);
        String key = r.out().strip();
        assertThat(key).startsWith("aud_pk_").hasSizeGreaterThan(40);
        try (Storage s = StorageFactory.open(new ConfigLoader(Map.of()).load(Optional.empty(), Map.of("data.dir", dir.toString())))) {
            ApiKeyService keys = new ApiKeyService(s.apiKeys(), Clock.systemUTC(), Optional.empty());
            assertThat(keys.kindOf(key)).contains(ApiKeyKind.PUBLISHABLE);
            assertThat(s.apiKeys().list()).singleElement().satisfies(k -> {
                assertThat(k.hash()).doesNotContain(key).hasSize(64);
                assertThat(k.displayPrefix()).isEqualTo(key.substring(0, 12));
            });
        }
        // no file of the data directory (state.db, its WAL, the event store) holds the key's secret part
        try (var files = Files.list(dir)) {
            for (Path f : files.filter(Files::isRegularFile).toList()) {
                assertThat(new String(Files.readAllBytes(f), StandardCharsets.ISO_8859_1)).as(f.toString())
                        .doesNotContain(key.substring(12));
            }
        }
    }

    /** The server holds the DuckDB event file; keys create opens only state.db, which admits both. */
    @Test
    void keysCreateWorksBesideARunningServer() {
        Map<String, String> props = Map.of("data.dir", dir.toString());
        try (Storage live = StorageFactory.open(new ConfigLoader(Map.of()).load(Optional.empty(), props))) {
            CliRun r = run("keys", "create", "--type", "secret", "--data", dir.toString());
            assertThat(r.code()).as(r.err()).isEqualTo(0);
            ApiKeyService keys = new ApiKeyService(live.apiKeys(), Clock.systemUTC(), Optional.empty());
            assertThat(keys.kindOf(r.out().strip())).contains(ApiKeyKind.SECRET);
        }
    }

    @Test
    void usersCreateReadsThePasswordFromStandardInputAndStoresOnlyItsHash() throws IOException {
        CliRun r = CliRun.withInput("a long enough password\n", "users", "create", "--email", "Boss@Example.com", "--role", "admin",
                "--data", dir.toString());
        assertThat(r.code()).as(r.err()).isEqualTo(0);
        assertThat(r.out().strip()).isEqualTo("Created console user boss@example.com (admin)");
        try (Storage s = StorageFactory.open(new ConfigLoader(Map.of()).load(Optional.empty(), Map.of("data.dir", dir.toString())))) {
            ConsoleUserService users = new ConsoleUserService(s.stateStores().consoleUsers(), new PasswordHasher(), Clock.systemUTC());
            assertThat(users.signIn("boss@example.com", "a long enough password", "127.0.0.1"))
                    .isInstanceOf(dev.audience.user.SignInResult.Opened.class);
            assertThat(users.signIn("boss@example.com", "a long enough password\n", "127.0.0.1"))
                    .isInstanceOf(dev.audience.user.SignInResult.Refused.class);
            assertThat(users.list()).singleElement().satisfies(u -> assertThat(u.role()).isEqualTo(Role.ADMIN));
        }
        try (var files = Files.list(dir)) {
            for (Path f : files.filter(Files::isRegularFile).toList()) {
                assertThat(new String(Files.readAllBytes(f), StandardCharsets.ISO_8859_1)).as(f.toString())
                        .doesNotContain("a long enough password");
            }
        }

        CliRun again = CliRun.withInput("another long password\n", "users", "create", "--email", "boss@example.com", "--role", "viewer",
                "--data", dir.toString());
        assertThat(again.code()).isEqualTo(1);
        assertThat(again.err()).contains("exists already");
        CliRun shortPassword = CliRun.withInput("short\n", "users", "create", "--email", "x@example.com", "--role", "viewer",
                "--data", dir.toString());
        assertThat(shortPassword.code()).isEqualTo(2);
        assertThat(shortPassword.err().strip()).isEqualTo("audience: password: must be at least 12 characters");
        CliRun noInput = CliRun.withInput("", "users", "create", "--email", "x@example.com", "--role", "viewer", "--data", dir.toString());
        assertThat(noInput.code()).isEqualTo(2);
        assertThat(noInput.err()).contains("no password on standard input");
        CliRun badRole = CliRun.withInput("a long enough password\n", "users", "create", "--email", "x@example.com", "--role", "owner",
                "--data", dir.toString());
        assertThat(badRole.code()).isEqualTo(2);
        assertThat(badRole.err()).contains("--role must be admin, editor or viewer");
    }

    @Test
    void aBadTypeOrConfigurationIsOneClearLine() throws IOException {
        CliRun bad = run("keys", "create", "--type", "admin", "--data", dir.toString());
        assertThat(bad.code()).isEqualTo(2);
        assertThat(bad.err()).contains("--type must be secret or publishable");

        Path conf = dir.resolve("bad.properties");
        Files.writeString(conf, "http.port = -1\n");
        CliRun badConfig = run("serve", "--config", conf.toString());
        assertThat(badConfig.code()).isEqualTo(2);
        assertThat(badConfig.err()).contains("configuration error").contains("http.port").contains(conf.toString());
    }

    /** The launcher refuses to go on without a JDK 21+ (the machine's java 17 on PATH does not count). */
    @Test
    void launcherSaysSoWhenNoSuitableJdkIsFound() throws Exception {
        ProcessBuilder pb = new ProcessBuilder("bash", "audience", "--help").redirectErrorStream(true);
        pb.environment().remove("JAVA_HOME");
        pb.environment().put("PATH", "/usr/bin:/bin");
        pb.environment().put("AUDIENCE_JDK_DIRS", dir.resolve("no-jdks-here").toString());
        Process p = pb.start();
        assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.exitValue()).isEqualTo(1);
        assertThat(output.strip().lines()).hasSize(1);
        assertThat(output).contains("no JDK 21 or newer found");
    }
}
