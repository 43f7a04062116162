package dev.audience.profile;

import java.time.Instant;
import java.util.Collection;
import java.util.Map;
import java.util.Optional;

/** Where profiles live (SQLite embedded, PostgreSQL in a cluster). */
public interface ProfileStore {

    /** The profile with its push tokens. */
    Optional<Profile> find(String userId);

    /** Stores a new profile and gives it the next ordinal; empty when the userId exists already. */
    Optional<Profile> insert(Profile draft);

    /** Writes {@code p} when the stored version is {@code p.version() - 1}; false when another writer came first. */
    boolean update(Profile p);

    /** Removes the profile and its push tokens; the ordinal it had, if it existed. */
    Optional<Integer> delete(String userId);

    /** Ordinals of these users, creating a bare profile for each one that does not exist yet. */
    Map<String, Integer> ensureOrdinals(Collection<String> userIds, Instant now);

    /** Attaches the token to this profile, taking it from any other profile that had it. */
    void savePushToken(int ordinal, PushToken token);

    /** False when this profile has no such token. */
    boolean deletePushToken(int ordinal, String token);

    long count();
}
