package dev.audience.storage;

import dev.audience.config.ConfigLoader;
import dev.audience.event.Event;
import dev.audience.profile.EmailStatus;
import dev.audience.profile.Profile;
import dev.audience.testing.Backend;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

class StorageTest {
    @TempDir
    Path dir;

    private Storage open(Map<String, String> settings) {
        return StorageFactory.open(new ConfigLoader(Map.of()).load(Optional.empty(), settings));
    }

    private static Profile draft(String userId) {
        Instant now = Instant.parse("2026-11-01T00:00:00Z");
        return new Profile(0, userId, null, EmailStatus.SUBSCRIBED, null, null, Map.of(), List.of(), now, now, 0);
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void ordinalsAreNeverGivenTwice(Backend backend) {
        try (Storage s = open(backend.settings(dir))) {
            int first = s.profiles().insert(draft("o1")).orElseThrow().ordinal();
            int second = s.profiles().insert(draft("o2")).orElseThrow().ordinal();
            assertThat(second).isGreaterThan(first);
            s.profiles().delete("o2");
            int third = s.profiles().insert(draft("o2")).orElseThrow().ordinal();
            assertThat(third).isGreaterThan(second);
            assertThat(s.profiles().insert(draft("o1"))).as("a second insert of one user is refused").isEmpty();

            Map<String, Integer> ensured = s.profiles().ensureOrdinals(List.of("o1", "o3", "o4", "o3"), Instant.now());
            assertThat(ensured).containsEntry("o1", first).containsKeys("o3", "o4");
            assertThat(ensured.get("o3")).isGreaterThan(third);
        }
    }

    /** Embedded data lives in the data directory and survives a restart (migrations run once). */
    @Test
    void embeddedDataSurvivesARestart() {
        Map<String, String> settings = Backend.EMBEDDED.settings(dir);
        int ordinal;
        try (Storage s = open(settings)) {
            ordinal = s.profiles().insert(draft("stays")).orElseThrow().ordinal();
            Instant t = Instant.parse("2026-11-02T10:00:00Z");
            s.events().append(List.of(new Event(ordinal, "page_view", t, "{\"url\":\"/\"}", "m-1", t)));
        }
        try (Storage s = open(settings)) {
            assertThat(s.ready()).isTrue();
            assertThat(s.profiles().find("stays")).map(Profile::ordinal).contains(ordinal);
            assertThat(s.events().newestFor(ordinal, 10)).extracting(Event::messageId).containsExactly("m-1");
            Instant t = Instant.parse("2026-11-02T11:00:00Z");
            assertThat(s.events().append(List.of(new Event(ordinal, "page_view", t, "{}", "m-1", t))).duplicates())
                    .as("deduplication holds across restarts").isEqualTo(1);
        }
    }
}
