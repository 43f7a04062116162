package dev.audience.storage.duckdb;

import dev.audience.event.Event;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

class SeenMessageIdsTest {
    private static final Instant T = Instant.parse("2026-11-29T00:00:00Z");

    private static List<Event> events(List<String> ids) {
        return ids.stream().map(id -> new Event(1, "page_view", T, "{}", id, T)).toList();
    }

    private static List<String> ids(String prefix, int from, int to) {
        return IntStream.range(from, to).mapToObj(i -> prefix + i).toList();
    }

    @Test
    void anIdSeenBeforeOrTwiceInOneBatchIsAlwaysAMaybe() {
        SeenMessageIds seen = new SeenMessageIds(0);
        assertThat(seen.addAll(events(ids("m-", 0, 10_000)))).as("fresh ids").isFalse();
        List<String> again = new ArrayList<>(ids("n-", 0, 9_999));
        again.add("m-4321");
        assertThat(seen.addAll(events(again))).as("one stored id among fresh ones").isTrue();
        assertThat(seen.addAll(events(List.of("x-1", "x-2", "x-1")))).as("a repeat within the batch").isTrue();
        List<String> withoutIds = new ArrayList<>();
        withoutIds.add(null);
        withoutIds.add(null);
        assertThat(seen.addAll(events(withoutIds))).as("events without ids are not repeats").isFalse();
    }

    @Test
    void chainedFiltersStillKnowEveryId() {
        SeenMessageIds seen = new SeenMessageIds(0, 1_000);
        for (int b = 0; b < 20; b++) seen.addAll(events(ids("c-", b * 1_000, (b + 1) * 1_000)));
        assertThat(seen.filters()).as("1,000 + 2,000 + 4,000 + 8,000 + 16,000 holds 20,000").isEqualTo(5);
        for (int i = 0; i < 20_000; i += 997) {
            assertThat(seen.addAll(events(List.of("c-" + i)))).as("c-" + i).isTrue();
        }
    }

    @Test
    void aFullFilterSaysMaybeForAboutOneInTenMillionNewIds() {
        int stored = 1_000_000;
        BlockedBloomFilter filter = new BlockedBloomFilter(stored);
        for (int i = 0; i < stored; i++) filter.put(SeenMessageIds.hash(UUID.nameUUIDFromBytes(("s" + i).getBytes()).toString()));
        assertThat(filter.full()).isTrue();
        int maybes = 0;
        for (int i = 0; i < 3_000_000; i++) {
            if (filter.mightContain(SeenMessageIds.hash(UUID.nameUUIDFromBytes(("q" + i).getBytes()).toString()))) maybes++;
        }
        // Expected about 0.5 (1.5e-7 over 3M); a filter at 1e-5 would give ~30.
        assertThat(maybes).isLessThanOrEqualTo(5);
        assertThat(filter.bytes()).as("6.5 bytes per id of capacity").isBetween(6_400_000L, 6_600_000L);
    }
}
