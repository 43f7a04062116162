package dev.audience.profile;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
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

    /** The valid push tokens of these profiles, by ordinal (profiles without one are absent). */
    Map<Integer, List<PushToken>> validPushTokens(int[] ordinals);

    /** Marks tokens invalid (a provider said they are dead), with the reason; ones already marked stay as they are. */
    void invalidatePushTokens(Map<String, String> reasonByToken, Instant now);

    long count();

    /** Every profile's ordinal (to load {@link LiveProfiles} at start). */
    int[] allOrdinals();

    /** Ordinals of the users that exist; unknown ids are left out. */
    Map<String, Integer> existingOrdinals(Collection<String> userIds);

    /** Ordinals of the profiles with these email addresses (compared case-insensitively), by lower-cased address. */
    Map<String, List<Integer>> ordinalsByEmail(Collection<String> emails);

    /** The profiles with these ordinals that still exist (without push tokens). */
    List<Profile> byOrdinals(int[] ordinals);

    /** Sets the email status (bounced, complained, unsubscribed...) without touching anything else. */
    void setEmailStatus(int ordinal, EmailStatus status, Instant now);

    /**
     * Up to {@code limit} profiles (without push tokens) whose userId or email starts with {@code prefix},
     * compared in lower case, in ordinal order. The prefix is taken literally (no wildcards).
     */
    List<Profile> searchPrefix(String prefix, int limit);

    /** User ids of these ordinals, for those that still exist. */
    Map<Integer, String> userIdsOf(int[] ordinals);

    /** Ordinals greater than {@code ordinal}: profiles created (on any node) since that one. */
    int[] ordinalsAfter(int ordinal);
}
