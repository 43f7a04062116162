package dev.audience.segment;

import dev.audience.common.ConflictException;
import dev.audience.common.NotFoundException;
import dev.audience.common.Validation;
import dev.audience.profile.LiveProfiles;
import dev.audience.profile.Profile;
import dev.audience.profile.ProfileStore;
import dev.audience.profile.UserDirectory;
import dev.audience.segment.lang.Condition;
import org.roaringbitmap.PeekableIntIterator;
import org.roaringbitmap.RoaringBitmap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Segment use cases: create, change, delete, refresh (by hand or on schedule), preview, membership and
 * explanations. Static edits are in {@link StaticMembers}; the scheduler is {@link RefreshScheduler}.
 */
public final class SegmentService {
    private static final Logger LOG = LoggerFactory.getLogger(SegmentService.class);
    private static final Duration LEASE = Duration.ofMinutes(15);

    private final SegmentStore store;
    private final SegmentIndex index;
    private final SegmentEvaluator evaluator;
    private final EventConditions events;
    private final ProfileStore profiles;
    private final LiveProfiles live;
    private final Clock clock;
    private final int keepVersions;
    private final String node;
    private final Definitions definitions;
    private final List<SegmentUsage> usages = new ArrayList<>();
    private final UserDirectory directory;

    public SegmentService(SegmentStore store, SegmentIndex index, SegmentEvaluator evaluator, EventConditions events,
                          ProfileStore profiles, UserDirectory directory, LiveProfiles live, Clock clock, int keepVersions,
                          String node) {
        this.directory = directory;
        this.store = store;
        this.index = index;
        this.evaluator = evaluator;
        this.events = events;
        this.profiles = profiles;
        this.live = live;
        this.clock = clock;
        this.keepVersions = keepVersions;
        this.node = node;
        this.definitions = new Definitions(store);
        usages.add(this::segmentsUsing);
    }

    /** Loads every segment's current snapshot into memory. */
    public void load() {
        for (Segment s : store.list()) store.latestSnapshot(s.key()).ifPresent(index::offer);
    }

    /**
     * Cluster: takes in the snapshots other nodes wrote (a newer version in the store than in memory) and
     * drops segments they deleted. Returns the keys that changed here.
     */
    public List<String> syncFromStore() {
        java.util.Map<String, Long> stored = store.latestVersions();
        List<String> changed = new ArrayList<>();
        stored.forEach((key, version) -> {
            if (version > index.current(key).map(Snapshot::version).orElse(0L)) {
                store.latestSnapshot(key).ifPresent(index::offer);
                changed.add(key);
            }
        });
        for (String key : index.keys()) {
            if (!stored.containsKey(key) && store.find(key).isEmpty()) {
                index.remove(key);
                changed.add(key);
            }
        }
        return changed;
    }

    /** Drops a segment from memory (it was deleted elsewhere, e.g. by another node). */
    public void forget(String key) {
        index.remove(key);
    }

    /** Another part of the product that uses segments (campaigns, experiments) registers here. */
    public void addUsage(SegmentUsage usage) {
        usages.add(usage);
    }

    Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MILLIS);
    }

    public SegmentView create(SegmentDraft d) {
        Validation v = new Validation();
        SegmentRules.checkKey(v, d.key());
        SegmentRules.checkName(v, d.name());
        SegmentRules.checkDescription(v, d.description());
        v.check(d.type() != null, "type", "must be static or dynamic");
        v.check(d.type() != SegmentType.EVERYONE, "type", "there is one everyone segment, built in; create static or dynamic ones");
        if (d.type() == SegmentType.STATIC) {
            v.check(d.definition() == null, "definition", "only dynamic segments have a definition");
            v.check(d.refresh() == null, "refresh", "static segments change by edits and imports, not by refresh");
        }
        if (d.type() == SegmentType.DYNAMIC) v.check(d.definition() != null, "definition", "is required for a dynamic segment");
        v.throwIfInvalid();
        Definitions.Checked def = d.type() == SegmentType.DYNAMIC ? definitions.check(d.definition(), d.key()) : null;
        if (def != null) events.promote(Conditions.propertyColumns(def.condition()));
        Instant now = now();
        Segment s = new Segment(d.key(), d.name().strip(), d.description(), d.type(), def == null ? null : def.text(),
                d.refresh(), d.internal(), d.type() == SegmentType.STATIC ? SegmentStatus.OK : SegmentStatus.PENDING,
                null, now, now, d.refresh() == null ? null : d.refresh().nextAfter(now));
        if (!store.insert(s)) throw new ConflictException("a segment with key \"" + d.key() + "\" exists already");
        if (s.type() == SegmentType.STATIC) {
            Snapshot first = Snapshot.first(s.key(), now).next(new RoaringBitmap(), now);
            store.saveSnapshot(first, keepVersions);
            index.offer(first);
            return view(s);
        }
        return refresh(s.key());
    }

    public SegmentView patch(String key, SegmentPatch p) {
        Segment s = find(key);
        if (s.type() == SegmentType.EVERYONE) throw new ConflictException("the built-in everyone segment cannot be changed");
        Validation v = new Validation();
        if (p.name().present()) SegmentRules.checkName(v, p.name().value());
        if (p.description().present()) SegmentRules.checkDescription(v, p.description().value());
        if (s.type() == SegmentType.STATIC) {
            v.check(!p.definition().present(), "definition", "only dynamic segments have a definition");
            v.check(!p.refresh().present() || p.refresh().value() == null, "refresh",
                    "static segments change by edits and imports, not by refresh");
        }
        v.check(!p.definition().present() || p.definition().value() != null, "definition", "cannot be removed");
        v.check(!p.internal().present() || p.internal().value() != null, "internal", "must be true or false");
        v.throwIfInvalid();
        Definitions.Checked def = p.definition().present() ? definitions.check(p.definition().value(), key) : null;
        if (def != null) events.promote(Conditions.propertyColumns(def.condition()));
        Instant now = now();
        RefreshSchedule refresh = p.refresh().orElse(s.refresh());
        Segment changed = new Segment(key, p.name().orElse(s.name()).strip(), p.description().orElse(s.description()),
                s.type(), def == null ? s.definition() : def.text(), refresh, p.internal().orElse(s.internal()), s.status(),
                s.error(), s.createdAt(), now, refresh == null ? null
                : p.refresh().present() ? refresh.nextAfter(now) : s.nextRefreshAt());
        store.update(changed);
        if (def == null) return view(changed);
        try {
            return refresh(key);
        } catch (ConflictException busy) {
            // a refresh already running started from the old definition: the scheduler computes the new one next
            Segment later = changed.withState(SegmentStatus.PENDING, null, now).withNextRefresh(now);
            store.updateState(later);
            return view(later);
        }
    }

    public void delete(String key) {
        Segment s = find(key);
        if (s.type() == SegmentType.EVERYONE) throw new ConflictException("the built-in everyone segment cannot be deleted");
        List<String> users = usersOf(key);
        if (!users.isEmpty()) {
            throw new ConflictException("segment \"" + key + "\" is in use by " + String.join(", ", users)
                    + "; change or delete those first");
        }
        store.delete(key);
        index.remove(key);
    }

    /**
     * What uses the segment now and keeps it from being deleted: other segments' definitions, campaigns not yet
     * finished (banners too), experiments and flags. Finished campaigns do not: they keep the key they were sent to.
     */
    public List<String> usersOf(String key) {
        List<String> users = new ArrayList<>();
        for (SegmentUsage u : usages) users.addAll(u.usersOf(key));
        return users;
    }

    public SegmentView get(String key) {
        return view(find(key));
    }

    public List<SegmentView> list() {
        return store.list().stream().map(this::view).toList();
    }

    /** What a definition would select now, without saving anything. */
    public record Preview(long count, List<String> sample, long tookMs) {}

    public Preview preview(DefinitionInput input, int sampleSize) {
        long start = System.nanoTime();
        RoaringBitmap members = previewMembers(input);
        long took = Duration.ofNanos(System.nanoTime() - start).toMillis();
        return new Preview(members.getLongCardinality(), sample(members, sampleSize), took);
    }

    RoaringBitmap previewMembers(DefinitionInput input) {
        return evaluator.members(definitions.check(input, null).condition(), now());
    }

    /** Computes a new version of a dynamic segment (or Everyone); a failure keeps the last good snapshot. */
    public SegmentView refresh(String key) {
        return refresh(key, false);
    }

    /**
     * A scheduled refresh: as {@link #refresh}, but only if the segment is still due once its lease is held.
     * With several nodes, another may have read the same due list and refreshed it a moment ago; then this
     * one does nothing (ConflictException), so a due segment is refreshed once.
     */
    public SegmentView refreshIfDue(String key) {
        return refresh(key, true);
    }

    private SegmentView refresh(String key, boolean onlyIfDue) {
        Segment before = find(key);
        if (before.type() == SegmentType.STATIC) {
            throw new ConflictException("static segment \"" + key + "\" changes by member edits and imports, not by refresh");
        }
        Instant now = now();
        String lease = node + ":" + java.util.UUID.randomUUID();
        if (!store.tryLease(key, lease, now.plus(LEASE), now)) {
            throw new ConflictException("a refresh of segment \"" + key + "\" is already running");
        }
        try {
            Segment s = find(key); // read again under the lease: a PATCH may have changed the definition
            if (onlyIfDue && (s.nextRefreshAt() == null || s.nextRefreshAt().isAfter(now))) {
                throw new ConflictException("segment \"" + key + "\" was refreshed meanwhile; not due any more");
            }
            Segment done;
            try {
                RoaringBitmap members = s.type() == SegmentType.EVERYONE ? live.snapshot()
                        : evaluator.members(Definitions.stored(s.definition()), now);
                writeVersion(key, prev -> members, now);
                done = s.withState(SegmentStatus.OK, null, now);
            } catch (RuntimeException e) {
                LOG.warn("refresh of segment {} failed; its last snapshot stays: {}", key, e.getMessage());
                done = s.withState(SegmentStatus.ERROR, e.getMessage() == null ? e.toString() : e.getMessage(), now);
            }
            if (s.refresh() != null) done = done.withNextRefresh(s.refresh().nextAfter(now));
            store.updateState(done);
            return view(find(key));
        } finally {
            store.releaseLease(key, lease);
        }
    }

    /**
     * Writes the next version, made from a copy of the current members; when another writer took that
     * version first, it is made again from theirs.
     */
    Snapshot writeVersion(String key, java.util.function.UnaryOperator<RoaringBitmap> change, Instant now) {
        for (int attempt = 0; attempt < 10; attempt++) {
            // The version in memory is the latest unless another node wrote since; then the save fails and we re-read.
            Snapshot prev = attempt == 0 ? index.current(key).orElseGet(() -> currentFromStore(key)) : currentFromStore(key);
            Snapshot next = prev.next(change.apply(prev.members().clone()), now);
            if (store.saveSnapshot(next, keepVersions)) {
                index.offer(next);
                return next;
            }
        }
        throw new ConflictException("segment \"" + key + "\" kept changing while its new version was written");
    }

    Snapshot currentFromStore(String key) {
        return store.latestSnapshot(key).orElse(Snapshot.first(key, now()));
    }

    public List<SnapshotInfo> history(String key, int limit) {
        find(key);
        return store.history(key, limit);
    }

    /** Live members after ordinal {@code after}, in ordinal order; the last ordinal is the next page's cursor. */
    public record MembersPage(List<String> userIds, Integer nextCursor) {}

    public MembersPage members(String key, int limit, int after) {
        RoaringBitmap members = liveMembers(find(key));
        PeekableIntIterator it = members.getIntIterator();
        if (after >= 0) it.advanceIfNeeded(after + 1);
        int[] page = new int[limit];
        int n = 0;
        while (it.hasNext() && n < limit) page[n++] = it.next();
        boolean more = it.hasNext();
        return new MembersPage(userIds(java.util.Arrays.copyOf(page, n)), more ? page[n - 1] : null);
    }

    /** Membership from memory: the user's ordinal (cached), then the current snapshot and the live mask. */
    public boolean isMember(String key, String userId) {
        // unknown keys are a 404; a pending segment has no members yet
        if (!key.equals(Segment.EVERYONE) && index.current(key).isEmpty()) find(key);
        return directory.existing(userId).map(o -> contains(key, o)).orElse(false);
    }

    /** Membership by ordinal, from memory only (for experiments and flags). Unknown segments have no members. */
    public boolean contains(String key, int ordinal) {
        if (!live.contains(ordinal)) return false;
        if (key.equals(Segment.EVERYONE)) return true;
        Snapshot snap = index.current(key).orElse(null);
        return snap != null && snap.members().contains(ordinal);
    }

    /** The live members of a segment now (a copy, safe to combine). */
    public RoaringBitmap members(String key) {
        return liveMembers(find(key));
    }

    /** The version of a segment's current snapshot, 0 when it has none. */
    public long version(String key) {
        return index.current(key).map(Snapshot::version).orElse(0L);
    }

    public boolean exists(String key) {
        return store.find(key).isPresent();
    }

    public List<SegmentView> segmentsOf(String userId) {
        Profile p = profiles.find(userId).orElseThrow(() -> new NotFoundException("no profile with userId " + userId));
        return store.list().stream().filter(s -> contains(s.key(), p.ordinal())).map(this::view).toList();
    }

    /** Why a profile is in or out of a segment. */
    public record Explained(boolean member, Explanation explanation) {}

    public Explained explain(String key, String userId) {
        Segment s = find(key);
        Profile p = profiles.find(userId).orElseThrow(() -> new NotFoundException("no profile with userId " + userId));
        boolean member = contains(s.key(), p.ordinal());
        Explanation e = switch (s.type()) {
            case DYNAMIC -> evaluator.explain(Definitions.stored(s.definition()), p, now());
            case STATIC -> new Explanation("static list \"" + key + "\"", member,
                    member ? "added to the list" : "not on the list", List.of());
            case EVERYONE -> new Explanation("everyone", true, "every profile is in everyone", List.of());
        };
        return new Explained(member, e);
    }

    RoaringBitmap liveMembers(Segment s) {
        if (s.type() == SegmentType.EVERYONE) return live.snapshot();
        return index.current(s.key()).map(snap -> live.liveOf(snap.members())).orElseGet(RoaringBitmap::new);
    }

    /** The user ids of these ordinals, in the same order (profiles deleted meanwhile are left out). */
    List<String> userIds(int[] ordinals) {
        var ids = profiles.userIdsOf(ordinals);
        List<String> out = new ArrayList<>(ordinals.length);
        for (int o : ordinals) {
            String id = ids.get(o);
            if (id != null) out.add(id);
        }
        return out;
    }

    private List<String> sample(RoaringBitmap members, int size) {
        int[] ordinals = new int[(int) Math.min(size, members.getLongCardinality())];
        var it = members.getIntIterator();
        for (int i = 0; i < ordinals.length; i++) ordinals[i] = it.next();
        return userIds(ordinals);
    }

    public SegmentView view(Segment s) {
        if (s.type() == SegmentType.EVERYONE) {
            Optional<Snapshot> snap = index.current(s.key());
            return new SegmentView(s, live.count(), snap.map(Snapshot::version).orElse(0L),
                    snap.map(Snapshot::createdAt).orElse(null));
        }
        return index.current(s.key())
                .map(snap -> new SegmentView(s, live.countLive(snap.members()), snap.version(), snap.createdAt()))
                .orElseGet(() -> new SegmentView(s, 0, 0, null));
    }

    Segment find(String key) {
        return store.find(key).orElseThrow(() -> new NotFoundException("no segment with key \"" + key + "\""));
    }

    private List<String> segmentsUsing(String key) {
        List<String> out = new ArrayList<>();
        for (Segment s : store.list()) {
            if (s.definition() != null && Conditions.segmentKeys(Definitions.stored(s.definition())).contains(key)) {
                out.add("segment \"" + s.key() + "\"");
            }
        }
        return out;
    }
}
