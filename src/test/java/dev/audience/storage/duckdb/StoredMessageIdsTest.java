package dev.audience.storage.duckdb;

import dev.audience.event.Event;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

/** The messageId filter of a store that already holds ids, filled after the store has opened. */
class StoredMessageIdsTest {
    private static final Instant T = Instant.parse("2026-11-29T00:00:00Z");

    @TempDir
    Path dir;

    private static List<Event> events(String... ids) {
        return Arrays.stream(ids).map(id -> new Event(1, "page_view", T, "{}", id, T)).toList();
    }

    private Path storeWithIds(int n) {
        Path file = dir.resolve("events.duckdb");
        DuckDbEventStore store = new DuckDbEventStore(file);
        store.append(IntStream.range(0, n).mapToObj(i -> new Event(1, "page_view", T, "{}", "m" + i, T)).toList());
        store.close();
        return file;
    }

    @Test
    void batchesStoredWhileTheFilterFillsAreDeduplicatedAndKnownToItAfterwards() throws Exception {
        Path file = storeWithIds(1_000);
        List<Runnable> filler = new ArrayList<>();
        DuckDbEventStore[] opened = new DuckDbEventStore[1];
        Runnable storeDuringTheScan = () -> assertThat(opened[0].append(events("n1")).stored())
                .as("stored after the scan's snapshot, before the filter is published").isEqualTo(1);
        DuckDbEventStore store = opened[0] = new DuckDbEventStore(file, filler::add, 0, storeDuringTheScan);
        try {
            assertThat(filler).as("the filling waits for its thread").hasSize(1);
            assertThat(store.append(events("m5", "n0")).stored()).as("a stored id is caught before the filter is filled").isEqualTo(1);
            assertThat(store.append(events("n2")).stored()).isEqualTo(1);

            filler.getFirst().run();
            assertThat(store.awaitMessageIdFilter()).as("the filter is in use once filled").isTrue();

            assertThat(store.append(events("n1", "n3")).stored())
                    .as("an id stored while the filter filled is in it, so the batch takes the exact check").isEqualTo(1);
            assertThat(store.append(events("m999")).stored()).as("an id from the scan").isZero();
            assertThat(store.append(events("n2", "n6")).stored()).as("an id stored before the scan").isEqualTo(1);
            assertThat(store.append(events("n4", "n5")).stored()).isEqualTo(2);
            assertThat(store.append(events("n5")).stored()).isZero();
        } finally {
            store.close();
        }
    }

    @Test
    void aSmallStoreFillsTheFilterBeforeItOpens() throws Exception {
        Path file = storeWithIds(100);
        List<Runnable> filler = new ArrayList<>();
        DuckDbEventStore store = new DuckDbEventStore(file, filler::add, 101, () -> {});
        try {
            assertThat(filler).isEmpty();
            assertThat(store.awaitMessageIdFilter()).isTrue();
            assertThat(store.append(events("m42", "new")).stored()).isEqualTo(1);
        } finally {
            store.close();
        }
    }

    @Test
    void closingBeforeTheFillingStartsDoesNotWaitAndTheFillingThenDoesNothing() throws Exception {
        Path file = storeWithIds(10);
        List<Runnable> filler = new ArrayList<>();
        DuckDbEventStore store = new DuckDbEventStore(file, filler::add, 0, () -> {});
        store.close();
        filler.getFirst().run();
        assertThat(store.awaitMessageIdFilter()).as("never filled").isFalse();
    }
}
