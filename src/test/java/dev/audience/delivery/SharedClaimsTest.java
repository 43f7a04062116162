package dev.audience.delivery;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The claimed rows the sending threads share: each handed out once, in claim order, and none lost at a close. */
class SharedClaimsTest {

    /** A ledger of {@code total} rows, claimed {@code size} at a time in order. */
    private static Supplier<List<Integer>> ledger(int total, int size, AtomicInteger claims) {
        AtomicInteger next = new AtomicInteger();
        return () -> {
            claims.incrementAndGet();
            int from = next.getAndAdd(size);
            return IntStream.range(from, Math.min(total, from + size)).boxed().toList();
        };
    }

    @Test
    void oneThreadGetsEveryRowInClaimOrderAndRefillsBeforeRunningOut() {
        AtomicInteger claims = new AtomicInteger();
        List<Integer> released = new ArrayList<>();
        SharedClaims<Integer> shared = new SharedClaims<>(ledger(25, 10, claims), released::add, 3);

        List<Integer> taken = new ArrayList<>();
        for (Integer row = shared.take(); row != null; row = shared.take()) taken.add(row);

        assertThat(taken).containsExactlyElementsOf(IntStream.range(0, 25).boxed().toList());
        assertThat(claims.get()).as("three claims with rows, then one ahead and one at the end that found none")
                .isEqualTo(5);
        assertThat(released).isEmpty();
    }

    @Test
    void manyThreadsTakeEachRowExactlyOnce() throws Exception {
        AtomicInteger claims = new AtomicInteger();
        SharedClaims<Integer> shared = new SharedClaims<>(ledger(20_000, 200, claims), row -> {
            throw new AssertionError("nothing is released while open: " + row);
        }, 40);
        List<Integer> taken = Collections.synchronizedList(new ArrayList<>());
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<?>> threads = new ArrayList<>();
            for (int t = 0; t < 8; t++) {
                threads.add(pool.submit(() -> {
                    start.await();
                    for (Integer row = shared.take(); row != null; row = shared.take()) taken.add(row);
                    return null;
                }));
            }
            start.countDown();
            for (Future<?> f : threads) f.get(60, TimeUnit.SECONDS);
        } finally {
            pool.shutdownNow();
        }
        assertThat(taken).hasSize(20_000).doesNotHaveDuplicates();
    }

    @Test
    void closeReleasesTheRowsStillQueuedAndHandsOutNoMore() {
        List<Integer> released = new ArrayList<>();
        SharedClaims<Integer> shared = new SharedClaims<>(ledger(100, 10, new AtomicInteger()), released::add, 2);

        assertThat(shared.take()).isZero();
        assertThat(shared.take()).isEqualTo(1);
        shared.close();

        assertThat(released).containsExactly(2, 3, 4, 5, 6, 7, 8, 9);
        assertThat(shared.take()).isNull();
        assertThat(released).as("no claim after the close").hasSize(8);
    }

    @Test
    void aRefillThatEndsAfterTheCloseReleasesWhatItClaimed() throws Exception {
        CountDownLatch claiming = new CountDownLatch(1);
        CountDownLatch closed = new CountDownLatch(1);
        List<Integer> released = Collections.synchronizedList(new ArrayList<>());
        SharedClaims<Integer> shared = new SharedClaims<>(() -> {
            claiming.countDown();
            try {
                closed.await();
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
            return List.of(7, 8);
        }, released::add, 1);

        ExecutorService pool = Executors.newSingleThreadExecutor();
        try {
            Future<Integer> taker = pool.submit(() -> shared.take());
            assertThat(claiming.await(10, TimeUnit.SECONDS)).isTrue();
            shared.close();
            closed.countDown();
            assertThat(taker.get(10, TimeUnit.SECONDS)).as("nothing handed out after the close").isNull();
        } finally {
            pool.shutdownNow();
        }
        assertThat(released).containsExactly(7, 8);
    }

    @Test
    void aFailedRefillStillHandsOutTheRowInHandAndTheNextTakerClaimsAgain() {
        AtomicInteger calls = new AtomicInteger();
        SharedClaims<Integer> shared = new SharedClaims<>(() -> switch (calls.incrementAndGet()) {
            case 1 -> List.of(1, 2);
            case 2 -> throw new IllegalStateException("database busy");
            case 3 -> List.of(3);
            default -> List.of();
        }, row -> {
            throw new AssertionError("nothing released: " + row);
        }, 2);

        assertThat(shared.take()).isEqualTo(1);
        assertThat(shared.take()).as("the refill behind it failed; the row in hand still goes").isEqualTo(2);
        assertThat(shared.take()).as("the next taker claims again").isEqualTo(3);
        assertThat(shared.take()).isNull();
    }

    @Test
    void aFailedClaimWithNothingInHandFailsTheTaker() {
        SharedClaims<Integer> shared = new SharedClaims<>(() -> {
            throw new IllegalStateException("database busy");
        }, row -> { }, 2);

        assertThatThrownBy(shared::take).hasMessage("database busy");
    }

    @Test
    void takersWaitingForARefillThatFindsNothingGetNullWithoutClaimingAgain() throws Exception {
        AtomicInteger claims = new AtomicInteger();
        CountDownLatch claiming = new CountDownLatch(1);
        CountDownLatch answer = new CountDownLatch(1);
        SharedClaims<Integer> shared = new SharedClaims<>(() -> {
            claims.incrementAndGet();
            claiming.countDown();
            try {
                answer.await();
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
            return List.of();
        }, row -> { }, 2);
        List<Integer> got = Collections.synchronizedList(new ArrayList<>());
        Thread first = Thread.ofPlatform().start(() -> got.add(shared.take()));
        assertThat(claiming.await(10, TimeUnit.SECONDS)).isTrue();
        List<Thread> waiting = List.of(Thread.ofPlatform().start(() -> got.add(shared.take())),
                Thread.ofPlatform().start(() -> got.add(shared.take())));
        // Only once both wait for the refill in progress does it find nothing.
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (waiting.stream().anyMatch(t -> t.getState() != Thread.State.WAITING) && System.nanoTime() < deadline) {
            Thread.onSpinWait();
        }
        assertThat(waiting).allMatch(t -> t.getState() == Thread.State.WAITING);
        answer.countDown();
        first.join(10_000);
        for (Thread t : waiting) t.join(10_000);

        assertThat(got).containsExactly(null, null, null);
        assertThat(claims.get()).as("the waiting takers did not claim again").isEqualTo(1);
    }

    @Test
    void beforeWaitingRunsBeforeThisThreadClaimsButNotWhenARowIsThere() {
        List<String> events = new ArrayList<>();
        SharedClaims<Integer> shared = new SharedClaims<>(() -> {
            events.add("claim");
            return events.size() < 3 ? List.of(1, 2, 3) : List.of();
        }, row -> { }, 1);

        assertThat(shared.take(() -> events.add("settle"))).isEqualTo(1);
        assertThat(shared.take(() -> events.add("settle"))).isEqualTo(2);
        assertThat(events).containsExactly("settle", "claim");
    }
}
