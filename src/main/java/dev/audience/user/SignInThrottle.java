package dev.audience.user;

import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Optional;

/**
 * Slows down password guessing: {@link #PER_EMAIL} failed sign-ins for one email within {@link #WINDOW} lock that
 * email for {@link #LOCK}; {@link #PER_ADDRESS} failures from one client address (whatever the emails) lock that
 * address as long. While locked, no password is checked at all. Unknown emails are counted like known ones, so a lock
 * says nothing about whether an account exists. A successful sign-in clears its email's count, not its address's
 * (one good account must not reset the count of someone trying many others). The counts live in the state store, so
 * every node of a cluster sees the same ones.
 * <p>The price of a per-email lock: anyone can keep a known email locked by failing five times every quarter hour; an
 * admin's password reset clears the lock.
 */
public final class SignInThrottle {
    public static final int PER_EMAIL = 5;
    public static final int PER_ADDRESS = 20;
    public static final Duration WINDOW = Duration.ofMinutes(15);
    public static final Duration LOCK = Duration.ofMinutes(15);
    /** Longer "emails" are counted under their first this many characters (no email is longer). */
    private static final int LONGEST_SUBJECT = 320;

    private final ConsoleUserStore store;

    SignInThrottle(ConsoleUserStore store) {
        this.store = store;
    }

    /** Until when sign-ins for this email or from this address are refused, if they are now. */
    Optional<Instant> lockedUntil(String email, String address, Instant now) {
        return store.signInLockedUntil(emailSubject(email), addressSubject(address), now);
    }

    /** What a failure did: the email's count now, and the lock it started (null when none). */
    record Failure(int emailFailures, Instant lockedUntil) {}

    Failure failed(String email, String address, Instant now) {
        Instant windowStart = now.minus(WINDOW);
        Instant locked = null;
        int forEmail = store.recordSignInFailure(emailSubject(email), now, windowStart);
        if (forEmail >= PER_EMAIL) {
            locked = now.plus(LOCK);
            store.lockSignIn(emailSubject(email), locked, now);
        }
        if (address != null && store.recordSignInFailure(addressSubject(address), now, windowStart) >= PER_ADDRESS) {
            locked = now.plus(LOCK);
            store.lockSignIn(addressSubject(address), locked, now);
        }
        // counts that can no longer lock anything go, so a spray of made-up emails leaves no pile of rows behind
        store.deleteStaleSignInFailures(windowStart, now);
        return new Failure(forEmail, locked);
    }

    void succeeded(String email, Instant now) {
        store.clearSignInFailures(emailSubject(email));
        store.deleteStaleSignInFailures(now.minus(WINDOW), now);
    }

    /** An admin set a new password: whoever was locked out by failures may try it at once. */
    void clear(String email) {
        store.clearSignInFailures(emailSubject(email));
    }

    static String emailSubject(String email) {
        String normal = email.strip().toLowerCase(Locale.ROOT);
        return "email:" + (normal.length() > LONGEST_SUBJECT ? normal.substring(0, LONGEST_SUBJECT) : normal);
    }

    static String addressSubject(String address) {
        return "address:" + (address == null ? "unknown" : address);
    }
}
