package dev.audience.profile;

import dev.audience.common.NotFoundException;
import dev.audience.common.Validation;
import dev.audience.event.EventStore;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Use cases on profiles: create or update with attribute merge, read, erase, push tokens. */
public final class ProfileService {
    private static final int MAX_WRITE_ATTEMPTS = 20;

    private final ProfileStore profiles;
    private final EventStore events;
    private final UserDirectory directory;
    private final Clock clock;

    public ProfileService(ProfileStore profiles, EventStore events, UserDirectory directory, Clock clock) {
        this.profiles = profiles;
        this.events = events;
        this.directory = directory;
        this.clock = clock;
    }

    public record Saved(Profile profile, boolean created) {}

    /** Creates the profile or applies the changes to it; concurrent writers to one profile are serialised. */
    public Saved put(String userId, ProfileChanges changes) {
        Validation v = new Validation();
        ProfileRules.checkUserId(v, "userId", userId);
        ProfileRules.checkChanges(v, changes);
        v.throwIfInvalid();
        for (int attempt = 0; attempt < MAX_WRITE_ATTEMPTS; attempt++) {
            Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS); // stored to the millisecond
            Optional<Profile> existing = profiles.find(userId);
            if (existing.isEmpty()) {
                Profile draft = new Profile(0, userId, null, EmailStatus.SUBSCRIBED, null, null, Map.of(), List.of(),
                        now, now, 0).apply(changes, now);
                checkAttributeCount(draft);
                Optional<Profile> created = profiles.insert(draft);
                if (created.isPresent()) {
                    directory.remember(userId, created.get().ordinal());
                    return new Saved(created.get(), true);
                }
                continue; // another writer created it first: update theirs
            }
            Profile updated = existing.get().apply(changes, now);
            checkAttributeCount(updated);
            if (profiles.update(updated)) return new Saved(updated, false);
        }
        throw new dev.audience.common.ConflictException("profile " + userId + " kept changing under "
                + MAX_WRITE_ATTEMPTS + " attempts; try again");
    }

    public Profile get(String userId) {
        return profiles.find(userId).orElseThrow(() -> notFound(userId));
    }

    /** Right to erasure: the profile, its push tokens and all its events. The ordinal is never given again. */
    public void delete(String userId) {
        Profile p = get(userId);
        // Forget first: from here no ingest maps this user to the old ordinal (an erased ordinal never comes back).
        directory.forget(userId, p.ordinal());
        events.deleteFor(p.ordinal());
        profiles.delete(userId);
        // Events that raced in between the first delete and the profile's removal went to the old ordinal.
        events.deleteFor(p.ordinal());
    }

    /** Registers a device token; the profile is created when unknown (apps register before anything else). */
    public Profile addPushToken(String userId, String token, Platform platform) {
        Validation v = new Validation();
        ProfileRules.checkUserId(v, "userId", userId);
        ProfileRules.checkPushToken(v, token);
        v.check(platform != null, "platform", "must be ios or android");
        v.throwIfInvalid();
        Integer ordinal = directory.ordinalsOf(List.of(userId)).get(userId);
        if (ordinal == null) throw new dev.audience.common.ConflictException("profile " + userId + " is being erased; try again");
        profiles.savePushToken(ordinal, new PushToken(token, platform, clock.instant().truncatedTo(ChronoUnit.MILLIS)));
        return get(userId);
    }

    public void removePushToken(String userId, String token) {
        Profile p = get(userId);
        if (!profiles.deletePushToken(p.ordinal(), token)) {
            throw new NotFoundException("profile " + userId + " has no push token " + token);
        }
    }

    public long count() {
        return profiles.count();
    }

    /**
     * Profiles a person may mean by {@code text}: the exact userId, then those with that email, then those whose
     * userId or email starts with it; each once, at most {@code limit} (without push tokens, except an exact match).
     */
    public List<Profile> search(String text, int limit) {
        String t = text == null ? "" : text.strip();
        if (t.isEmpty()) return List.of();
        java.util.LinkedHashMap<Integer, Profile> found = new java.util.LinkedHashMap<>();
        profiles.find(t).ifPresent(p -> found.put(p.ordinal(), p));
        String lower = t.toLowerCase(java.util.Locale.ROOT);
        int[] byEmail = profiles.ordinalsByEmail(List.of(lower)).getOrDefault(lower, List.of()).stream()
                .mapToInt(Integer::intValue).toArray();
        if (byEmail.length > 0) profiles.byOrdinals(byEmail).forEach(p -> found.putIfAbsent(p.ordinal(), p));
        if (found.size() < limit) {
            profiles.searchPrefix(t, limit).forEach(p -> found.putIfAbsent(p.ordinal(), p));
        }
        return found.values().stream().limit(limit).toList();
    }

    private static void checkAttributeCount(Profile p) {
        Validation v = new Validation();
        ProfileRules.checkAttributeCount(v, p.attributes());
        v.throwIfInvalid();
    }

    private static NotFoundException notFound(String userId) {
        return new NotFoundException("no profile with userId " + userId);
    }

}
