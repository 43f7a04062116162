package dev.audience.delivery;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The token bucket on a hand-driven clock: every wait is recorded, none is real. */
class RateLimiterTest {
    private static final long MS = 1_000_000L;

    /** A clock that only moves when the limiter sleeps on it (or the test advances it). */
    private static final class FakeTicker implements RateLimiter.Ticker {
        private final boolean sleepAdvancesTime;
        long now = 42 * MS; // any origin: only differences matter
        final List<Long> sleeps = Collections.synchronizedList(new ArrayList<>());
        int reads;

        FakeTicker(boolean sleepAdvancesTime) {
            this.sleepAdvancesTime = sleepAdvancesTime;
        }

        @Override
        public long nanos() {
            reads++;
            return now;
        }

        @Override
        public void sleep(long nanos) {
            sleeps.add(nanos);
            if (sleepAdvancesTime) now += nanos;
        }
    }

    @Test
    void tenPerSecondLetsABurstThroughThenSpacesPermits100msApart() throws InterruptedException {
        FakeTicker ticker = new FakeTicker(true);
        RateLimiter limiter = new RateLimiter(10, ticker);

        for (int i = 0; i < 10; i++) limiter.acquire();
        assertThat(ticker.sleeps).isEmpty();

        for (int i = 0; i < 5; i++) limiter.acquire();
        assertThat(ticker.sleeps).containsExactly(100 * MS, 100 * MS, 100 * MS, 100 * MS, 100 * MS);
    }

    @Test
    void waitingCallersQueueOneIntervalApart() throws InterruptedException {
        // Sleeps that do not move the clock stand for callers arriving at the same instant on other threads.
        FakeTicker ticker = new FakeTicker(false);
        RateLimiter limiter = new RateLimiter(10, ticker);

        for (int i = 0; i < 13; i++) limiter.acquire();

        assertThat(ticker.sleeps).containsExactly(100 * MS, 200 * MS, 300 * MS);
    }

    @Test
    void idleTimeRefillsTheBucketButNeverBeyondOneBurst() throws InterruptedException {
        FakeTicker ticker = new FakeTicker(true);
        RateLimiter limiter = new RateLimiter(10, ticker);
        for (int i = 0; i < 10; i++) limiter.acquire();

        ticker.now += 250 * MS; // two and a half permits' worth
        limiter.acquire();
        limiter.acquire();
        assertThat(ticker.sleeps).isEmpty();
        limiter.acquire();
        assertThat(ticker.sleeps).containsExactly(50 * MS);

        ticker.sleeps.clear();
        ticker.now += 60_000 * MS; // a long pause still allows only one burst
        for (int i = 0; i < 10; i++) limiter.acquire();
        assertThat(ticker.sleeps).isEmpty();
        limiter.acquire();
        assertThat(ticker.sleeps).containsExactly(100 * MS);
    }

    @Test
    void slowRatesStillAllowOnePermitAtOnce() throws InterruptedException {
        FakeTicker ticker = new FakeTicker(true);
        RateLimiter limiter = new RateLimiter(0.5, ticker);

        limiter.acquire();
        limiter.acquire();
        limiter.acquire();

        assertThat(ticker.sleeps).containsExactly(2_000 * MS, 2_000 * MS);
    }

    @Test
    void zeroMeansUnlimitedAndNeverSleeps() throws InterruptedException {
        FakeTicker ticker = new FakeTicker(true);
        RateLimiter limiter = new RateLimiter(0, ticker);

        for (int i = 0; i < 10_000; i++) limiter.acquire();

        assertThat(ticker.sleeps).isEmpty();
        assertThat(ticker.reads).isZero();
        assertThat(limiter.permitsPerSecond()).isZero();
    }

    @Test
    void threadsShareOneBucket() throws InterruptedException {
        FakeTicker ticker = new FakeTicker(false);
        RateLimiter limiter = new RateLimiter(100, ticker);
        List<Thread> threads = new ArrayList<>();
        for (int t = 0; t < 4; t++) {
            threads.add(Thread.ofPlatform().start(() -> {
                try {
                    for (int i = 0; i < 50; i++) limiter.acquire();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }));
        }
        for (Thread t : threads) t.join();

        // 200 permits at one instant: 100 from the burst, then one every 10 ms, each caller in its own slot.
        assertThat(ticker.sleeps).hasSize(100);
        assertThat(ticker.sleeps.stream().sorted().toList())
                .isEqualTo(java.util.stream.LongStream.rangeClosed(1, 100).map(i -> i * 10 * MS).boxed().toList());
    }

    @Test
    void rejectsNonsenseRates() {
        assertThatThrownBy(() -> new RateLimiter(-1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new RateLimiter(Double.NaN)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void theHookBeforeWaitingRunsOnlyWhenTheCallerWillWait() throws InterruptedException {
        FakeTicker ticker = new FakeTicker(true);
        RateLimiter limiter = new RateLimiter(2, ticker);
        List<Integer> settledBefore = new ArrayList<>();

        for (int i = 0; i < 4; i++) {
            int call = i;
            limiter.acquire(() -> settledBefore.add(call));
        }

        assertThat(settledBefore).as("the burst of two waits for nothing; the next two wait").containsExactly(2, 3);
        assertThat(ticker.sleeps).containsExactly(500 * MS, 500 * MS);
        RateLimiter.unlimited().acquire(() -> settledBefore.add(99));
        assertThat(settledBefore).doesNotContain(99);
    }
}
