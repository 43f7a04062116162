package dev.audience.user;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Where console users, their sessions and the count of failed sign-ins are kept: the state store, so that every node
 * and every restart sees them.
 */
public interface ConsoleUserStore {
    /** False when a user with that email exists already. */
    boolean insert(ConsoleUser user);

    Optional<ConsoleUser> findByEmail(String email);

    Optional<ConsoleUser> findById(String id);

    /** Every user, by email. */
    List<ConsoleUser> list();

    long count();

    /** What a guarded change did: done, no such user, or refused because no active admin would be left. */
    enum Change { DONE, NOT_FOUND, LAST_ADMIN }

    /** Sets the user's role, unless that would leave no active admin (checked and written in one transaction). */
    Change changeRole(String id, Role role, Instant now);

    /** Removes the user and their sessions, unless that would leave no active admin. */
    Change delete(String id);

    /**
     * Deactivates the user (their sessions end in the same transaction), unless that would leave no active admin; or,
     * with {@code deactivatedAt} null, makes them active again.
     */
    Change setDeactivated(String id, Instant deactivatedAt, Instant now);

    /**
     * Sets a new password hash and ends every session of the user but the one whose token hash is {@code keepSession}
     * (null: none kept), in one transaction. False when there is no such user.
     */
    boolean changePassword(String id, String passwordHash, Instant now, String keepSession);

    void insertSession(Session session);

    /** The session with this token hash and its user, expired or not (the service decides). */
    Optional<SignedIn> findSession(String tokenHash);

    void extendSession(String tokenHash, Instant expiresAt);

    void deleteSession(String tokenHash);

    /** Removes the sessions that expired before {@code now}; how many. */
    int deleteExpiredSessions(Instant now);

    /** The end of the latest lock still running at {@code now} of either subject ({@link SignInThrottle}). */
    Optional<Instant> signInLockedUntil(String emailSubject, String addressSubject, Instant now);

    /**
     * Counts one failed sign-in of the subject and answers its count, which starts again at 1 when the count's first
     * failure is before {@code windowStart}.
     */
    int recordSignInFailure(String subject, Instant now, Instant windowStart);

    /** Locks the subject until {@code until}; its count starts again. */
    void lockSignIn(String subject, Instant until, Instant now);

    void clearSignInFailures(String subject);

    /** Forgets the counts begun before {@code windowStart} whose lock, if any, is over at {@code now}. */
    void deleteStaleSignInFailures(Instant windowStart, Instant now);
}
