package dev.audience.storage.duckdb;

import dev.audience.event.AppendResult;
import dev.audience.event.Event;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Phaser;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

/** Batches appended side by side: new ones concurrently, repeats caught whichever batch stored them first. */
class ConcurrentAppendsTest {
    private static final Instant T = Instant.parse("2026-11-29T00:00:00Z");
    private static final int THREADS = 4;
    private static final int BATCHES = 40;

    @TempDir
    Path dir;

    private static List<Event> batch(int ordinal, String prefix, int from, int to) {
        return IntStream.range(from, to).mapToObj(i -> new Event(ordinal, "page_view", T, "{}", prefix + i, T)).toList();
    }

    @Test
    void everyIdIsStoredOnceWhenConcurrentBatchesRepeatOneAnother() throws Exception {
        DuckDbEventStore store = new DuckDbEventStore(dir.resolve("events.duckdb"));
        try (ExecutorService pool = Executors.newFixedThreadPool(THREADS)) {
            Phaser together = new Phaser(THREADS);
            List<Future<long[]>> results = new ArrayList<>();
            for (int t = 0; t < THREADS; t++) {
                int thread = t;
                results.add(pool.submit(() -> {
                    long stored = 0, duplicates = 0;
                    try {
                        for (int b = 0; b < BATCHES; b++) {
                            together.arriveAndAwaitAdvance(); // every thread's b-th batch at once
                            // Each thread's own new ids, plus ids every thread sends in the same round and the round before.
                            List<Event> events = new ArrayList<>(batch(thread + 1, "own-" + thread + "-", b * 50, b * 50 + 50));
                            events.addAll(batch(thread + 1, "shared-", b * 20, b * 20 + 40));
                            AppendResult r = store.append(events);
                            stored += r.stored();
                            duplicates += r.duplicates();
                        }
                    } finally {
                        together.arriveAndDeregister(); // a thread that failed does not keep the others waiting
                    }
                    return new long[]{stored, duplicates};
                }));
            }
            long stored = 0, duplicates = 0;
            for (Future<long[]> f : results) {
                stored += f.get()[0];
                duplicates += f.get()[1];
            }
            long distinct = THREADS * BATCHES * 50L + (BATCHES * 20L + 20);
            assertThat(stored).as("each distinct id stored once").isEqualTo(distinct);
            assertThat(stored + duplicates).as("every event is stored or counted a duplicate").isEqualTo(THREADS * BATCHES * 90L);
            assertThat(store.count()).isEqualTo(distinct);
        } finally {
            store.close();
        }
    }

    @Test
    void aBatchRepeatingAnIdOfAnAppendStillInProgressWaitsForItAndStoresNoCopy() throws Exception {
        DuckDbEventStore store = new DuckDbEventStore(dir.resolve("events.duckdb"));
        java.util.concurrent.CountDownLatch inAppend = new java.util.concurrent.CountDownLatch(1);
        java.util.concurrent.CountDownLatch commit = new java.util.concurrent.CountDownLatch(1);
        store.beforeDirectCommit = () -> {
            inAppend.countDown();
            try {
                commit.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        };
        try (ExecutorService pool = Executors.newFixedThreadPool(2)) {
            try {
                Future<AppendResult> first = pool.submit(() -> store.append(batch(1, "k-", 0, 100)));
                inAppend.await(); // its 100 rows are appended, not committed
                store.beforeDirectCommit = () -> {};
                Future<AppendResult> repeat = pool.submit(() -> store.append(batch(2, "k-", 50, 51)));
                long deadline = System.nanoTime() + 10_000_000_000L;
                while (!store.batchesWaiting() && !repeat.isDone() && System.nanoTime() < deadline) Thread.onSpinWait();
                assertThat(repeat.isDone()).as("the repeat waits for the append in progress").isFalse();
                assertThat(store.batchesWaiting()).isTrue();
                commit.countDown();
                assertThat(first.get().stored()).isEqualTo(100);
                assertThat(repeat.get().duplicates()).as("its exact check saw the first batch committed").isEqualTo(1);
                assertThat(store.count()).isEqualTo(100);
            } finally {
                commit.countDown(); // a failed assertion above must not leave the first append waiting
            }
        } finally {
            store.close();
        }
    }

    @Test
    void batchesOfNewIdsFromManyThreadsAreAllStoredAndAnErasureBetweenThemRemovesItsUser() throws Exception {
        DuckDbEventStore store = new DuckDbEventStore(dir.resolve("events.duckdb"));
        try (ExecutorService pool = Executors.newFixedThreadPool(THREADS)) {
            List<Future<Long>> results = new ArrayList<>();
            for (int t = 0; t < THREADS; t++) {
                int thread = t;
                results.add(pool.submit(() -> {
                    long stored = 0;
                    for (int b = 0; b < BATCHES; b++) {
                        stored += store.append(batch(thread + 1, "t" + thread + "-", b * 100, b * 100 + 100)).stored();
                        if (thread == 0 && b == BATCHES / 2) store.deleteFor(99); // no such events: takes the exclusive path
                    }
                    return stored;
                }));
            }
            long stored = 0;
            for (Future<Long> f : results) stored += f.get();
            assertThat(stored).isEqualTo(THREADS * BATCHES * 100L);
            assertThat(store.count()).isEqualTo(THREADS * BATCHES * 100L);
            assertThat(store.deleteFor(2)).as("every event of one thread's user").isEqualTo(BATCHES * 100L);
            assertThat(store.count()).isEqualTo((THREADS - 1) * BATCHES * 100L);
        } finally {
            store.close();
        }
    }
}
