package dev.audience.delivery;

import java.util.concurrent.TimeUnit;

/**
 * "At most N per second", shared by every worker thread of one channel: a token bucket.
 *
 * <p>Why a bucket and not a fixed sleep between sends: many threads send at once, so the spacing must be
 * global, not per thread; and a short burst (one second's worth, at least one permit) lets a campaign start
 * without an artificial ramp while keeping the long-run rate at N. The bucket starts full.
 *
 * <p>Each {@link #acquire()} reserves its slot under a short lock and then sleeps <em>outside</em> the lock
 * until that slot, so waiting threads queue up in order, each one interval after the previous, and no thread
 * holds the lock (or pins a virtual thread) while it sleeps. The arithmetic is in whole nanoseconds, so a
 * rate of 10 per second spaces permits exactly 100 ms apart.
 *
 * <p>All time goes through a {@link Ticker}, so tests drive the clock by hand and never really sleep.
 * A rate of 0 means unlimited: {@code acquire()} returns at once and never looks at the clock.
 */
public final class RateLimiter {

    /** The limiter's view of time: a monotonic nanosecond reading and a way to wait. */
    public interface Ticker {
        /** A monotonic reading in nanoseconds (only differences matter), like {@link System#nanoTime()}. */
        long nanos();

        /** Waits at least {@code nanos} nanoseconds. */
        void sleep(long nanos) throws InterruptedException;

        /** The real clock: {@link System#nanoTime()} and {@link Thread#sleep}. */
        Ticker SYSTEM = new Ticker() {
            @Override
            public long nanos() {
                return System.nanoTime();
            }

            @Override
            public void sleep(long nanos) throws InterruptedException {
                // Loop because a timed sleep may, on some platforms, return a little early.
                long deadline = System.nanoTime() + nanos;
                for (long left = nanos; left > 0; left = deadline - System.nanoTime()) {
                    TimeUnit.NANOSECONDS.sleep(left);
                }
            }

            @Override
            public String toString() {
                return "Ticker.SYSTEM";
            }
        };
    }

    private static final long NANOS_PER_SECOND = 1_000_000_000L;

    private final double permitsPerSecond;
    private final Ticker ticker;
    /** Nanoseconds between two permits at the steady rate; 0 when unlimited. */
    private final long interval;
    /** Most credit the bucket holds: the burst size times the interval. */
    private final long capacity;

    /** Credit in nanoseconds of permit time; negative when callers already wait for future slots. */
    private long credit;
    private long lastRefill;

    /** A limiter on the real clock. */
    public RateLimiter(double permitsPerSecond) {
        this(permitsPerSecond, Ticker.SYSTEM);
    }

    /**
     * @param permitsPerSecond at most this many {@link #acquire()} calls return per second over time;
     *                         0 (or positive infinity) means unlimited
     * @param ticker           the clock and sleeper, {@link Ticker#SYSTEM} outside tests
     */
    public RateLimiter(double permitsPerSecond, Ticker ticker) {
        if (!(permitsPerSecond >= 0)) {
            throw new IllegalArgumentException("permitsPerSecond must be zero or positive, was " + permitsPerSecond);
        }
        if (ticker == null) throw new NullPointerException("ticker");
        this.permitsPerSecond = permitsPerSecond;
        this.ticker = ticker;
        if (permitsPerSecond == 0 || Double.isInfinite(permitsPerSecond)) {
            this.interval = 0;
            this.capacity = 0;
        } else {
            this.interval = Math.max(1L, Math.round(NANOS_PER_SECOND / permitsPerSecond));
            long burst = Math.max(1L, (long) Math.floor(permitsPerSecond));
            this.capacity = Math.multiplyExact(burst, interval);
            this.credit = capacity;
            this.lastRefill = ticker.nanos();
        }
    }

    /** A limiter that never waits. */
    public static RateLimiter unlimited() {
        return new RateLimiter(0, Ticker.SYSTEM);
    }

    /** The configured rate; 0 when unlimited. */
    public double permitsPerSecond() {
        return interval == 0 ? 0 : permitsPerSecond;
    }

    /**
     * Blocks until this caller may proceed. If interrupted while waiting, the reserved slot stays used
     * (the rate only gets more conservative) and the interrupt is thrown.
     */
    public void acquire() throws InterruptedException {
        acquire(() -> { });
    }

    /**
     * As {@link #acquire()}, running {@code beforeWaiting} first when the caller will have to wait (a sending thread
     * settles the message still waiting for its reply, rather than hold it back for the wait).
     */
    public void acquire(Runnable beforeWaiting) throws InterruptedException {
        if (interval == 0) return;
        long wait = reserve();
        if (wait > 0) {
            beforeWaiting.run();
            ticker.sleep(wait);
        }
    }

    /** Takes one permit's worth of credit and returns how long the caller must wait for it, in nanoseconds. */
    private synchronized long reserve() {
        long now = ticker.nanos();
        long elapsed = Math.max(0, now - lastRefill);
        lastRefill = now;
        credit = elapsed >= capacity - credit ? capacity : credit + elapsed;
        credit -= interval;
        return credit >= 0 ? 0 : -credit;
    }

    @Override
    public String toString() {
        return interval == 0 ? "RateLimiter[unlimited]" : "RateLimiter[" + permitsPerSecond + "/s]";
    }
}
