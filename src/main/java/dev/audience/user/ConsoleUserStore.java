package dev.audience.user;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Where console users and their sessions are kept: the state store, so that every node and every restart sees them. */
public interface ConsoleUserStore {
    /** False when a user with that email exists already. */
    boolean insert(ConsoleUser user);

    Optional<ConsoleUser> findByEmail(String email);

    Optional<ConsoleUser> findById(String id);

    /** Every user, by email. */
    List<ConsoleUser> list();

    long count();

    /** What a guarded change did: done, no such user, or refused because no admin would be left. */
    enum Change { DONE, NOT_FOUND, LAST_ADMIN }

    /** Sets the user's role, unless that would leave no admin (checked and written in one transaction). */
    Change changeRole(String id, Role role, Instant now);

    /** Removes the user and their sessions, unless that would leave no admin. */
    Change delete(String id);

    void insertSession(Session session);

    /** The session with this token hash and its user, expired or not (the service decides). */
    Optional<SignedIn> findSession(String tokenHash);

    void extendSession(String tokenHash, Instant expiresAt);

    void deleteSession(String tokenHash);

    /** Removes the sessions that expired before {@code now}; how many. */
    int deleteExpiredSessions(Instant now);
}
