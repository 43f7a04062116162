package dev.audience.experiment;

import dev.audience.common.ConflictException;
import dev.audience.common.NotFoundException;
import dev.audience.common.InvalidInputException;
import dev.audience.common.Validation;
import dev.audience.event.EventRules;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;

/**
 * Experiments and flags: definitions kept in the state store and in memory, assignment answered from
 * memory, first exposures recorded as events. Changes are serialised (synchronized), so a PATCH and a
 * stop cannot overwrite one another; assignment never waits for them.
 */
public final class ExperimentService {
    private static final SecureRandom RANDOM = new SecureRandom();

    private final ExperimentStore store;
    private final Assigner assigner;
    private final ExposureRecorder exposures;
    private final ExposureCounts counts;
    private final Predicate<String> segmentExists;
    private final Clock clock;
    private final Map<String, Experiment> experiments = new ConcurrentHashMap<>();
    private final Map<String, Flag> flags = new ConcurrentHashMap<>();

    public ExperimentService(ExperimentStore store, Assigner assigner, ExposureRecorder exposures, ExposureCounts counts,
                             Predicate<String> segmentExists, Clock clock) {
        this.store = store;
        this.assigner = assigner;
        this.exposures = exposures;
        this.counts = counts;
        this.segmentExists = segmentExists;
        this.clock = clock;
    }

    public void load() {
        store.experiments().forEach(e -> experiments.put(e.key(), e));
        store.flags().forEach(f -> flags.put(f.key(), f));
    }

    /**
     * Cluster: makes memory what the store says (changes made on other nodes: new, changed, started, stopped,
     * deleted). Definitions are few, so they are read whole. Returns whether anything differed.
     */
    public synchronized boolean reload() {
        return replace(experiments, store.experiments(), Experiment::key) | replace(flags, store.flags(), Flag::key);
    }

    private static <T> boolean replace(Map<String, T> memory, List<T> stored, java.util.function.Function<T, String> key) {
        Map<String, T> fresh = new java.util.HashMap<>();
        for (T t : stored) fresh.put(key.apply(t), t);
        if (fresh.equals(memory)) return false;
        memory.keySet().retainAll(fresh.keySet());
        memory.putAll(fresh);
        return true;
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MILLIS);
    }

    private static String salt() {
        byte[] b = new byte[12];
        RANDOM.nextBytes(b);
        return HexFormat.of().formatHex(b);
    }

    // --- experiments

    public Experiment create(ExperimentDraft d) {
        Validation v = new Validation();
        ExperimentRules.key(v, "key", d.key());
        ExperimentRules.name(v, d.name());
        ExperimentRules.variants(v, d.variants());
        List<String> segments = d.segments() == null ? List.of() : d.segments();
        List<String> excluded = d.excludeSegments() == null ? List.of() : d.excludeSegments();
        ExperimentRules.segments(v, "segments", segments, segmentExists);
        ExperimentRules.segments(v, "excludeSegments", excluded, segmentExists);
        ExperimentRules.percent(v, "allocation", d.percent());
        v.throwIfInvalid();
        Instant now = now();
        Experiment e = new Experiment(d.key(), d.name().strip(), d.variants(),
                new Targeting(segments, excluded, ExperimentRules.basisPoints(d.percent())), ExperimentStatus.DRAFT, salt(),
                now, now, null, null);
        if (!store.insert(e)) throw new ConflictException("an experiment with key \"" + d.key() + "\" exists already");
        experiments.put(e.key(), e);
        return e;
    }

    /** Draft and running experiments can change; a running one keeps its users where the change allows. */
    public synchronized Experiment patch(String key, TargetingPatch p) {
        Experiment e = experiment(key);
        if (e.status() == ExperimentStatus.STOPPED) throw new ConflictException("experiment \"" + key + "\" is stopped");
        Validation v = new Validation();
        v.check(!p.enabled().present(), "enabled", "experiments start and stop; flags are enabled");
        if (p.name().present()) ExperimentRules.name(v, p.name().value());
        if (p.variants().present()) ExperimentRules.variants(v, p.variants().value());
        Targeting t = targeting(v, e.targeting(), p, "allocation");
        v.throwIfInvalid();
        Experiment changed = new Experiment(key, p.name().orElse(e.name()).strip(), p.variants().orElse(e.variants()), t,
                e.status(), e.salt(), e.createdAt(), now(), e.startedAt(), e.stoppedAt());
        store.update(changed);
        experiments.put(key, changed);
        return changed;
    }

    public Experiment start(String key) {
        return transition(key, ExperimentStatus.DRAFT, ExperimentStatus.RUNNING);
    }

    public Experiment stop(String key) {
        return transition(key, ExperimentStatus.RUNNING, ExperimentStatus.STOPPED);
    }

    private synchronized Experiment transition(String key, ExperimentStatus from, ExperimentStatus to) {
        Experiment e = experiment(key);
        if (e.status() != from) {
            throw new ConflictException("experiment \"" + key + "\" is " + e.status().wireName() + "; only a "
                    + from.wireName() + " experiment can become " + to.wireName());
        }
        Experiment changed = e.withStatus(to, now());
        store.update(changed);
        experiments.put(key, changed);
        return changed;
    }

    public synchronized void delete(String key) {
        Experiment e = experiment(key);
        if (e.status() == ExperimentStatus.RUNNING) throw new ConflictException("experiment \"" + key + "\" is running; stop it first");
        store.deleteExperiment(key);
        experiments.remove(key);
    }

    /**
     * A new draft experiment under {@code newKey} with the same variants and targeting, named {@code newName} (or
     * "Copy of …"), with a salt of its own: a re-run of a stopped test splits people afresh.
     */
    public Experiment duplicate(String key, String newKey, String newName) {
        Experiment e = experiment(key);
        Targeting t = e.targeting();
        return create(new ExperimentDraft(newKey, newName == null ? copyName(e.name()) : newName, e.variants(), t.segments(),
                t.excludeSegments(), t.percentBasisPoints() / 100.0));
    }

    private static String copyName(String name) {
        String copy = "Copy of " + name;
        return copy.length() > ExperimentRules.MAX_NAME ? copy.substring(0, ExperimentRules.MAX_NAME - 1) + "…" : copy;
    }

    public Experiment experiment(String key) {
        Experiment e = experiments.get(key);
        if (e == null) throw new NotFoundException("no experiment with key \"" + key + "\"");
        return e;
    }

    public List<Experiment> experiments() {
        return experiments.values().stream().sorted(Comparator.comparing(Experiment::createdAt)
                .thenComparing(Experiment::key)).toList();
    }

    /**
     * The experiment's results now: per variant, the people exposed since it was created and, for {@code goalEvent}
     * (an event name, or null for exposures only), those who did it at or after their first exposure, compared with
     * the control. Exposures are recorded within a second or so of the assignment (see {@link ExposureRecorder}).
     */
    public ExperimentResults results(String key, String goalEvent) {
        Experiment e = experiment(key);
        if (goalEvent != null && !EventRules.validName(goalEvent)) {
            throw new InvalidInputException("goal", "must be an event name: a letter or '$', then up "
                    + "to 127 letters, digits, '_', '.', ':' or '-'");
        }
        return ResultsTable.compute(e, goalEvent, counts.byVariant(key, e.createdAt(), goalEvent), clock.instant());
    }

    /** The user's variant; the first time each day it is also recorded as an exposure event. */
    public Assignment assign(String key, String userId) {
        Experiment e = experiment(key);
        Assignment a = assigner.assign(e, userId);
        if (a.inExperiment()) exposures.exposed(key, userId, a.variant());
        return a;
    }

    // --- flags

    public Flag createFlag(FlagDraft d) {
        Validation v = new Validation();
        ExperimentRules.key(v, "key", d.key());
        if (d.name() != null) ExperimentRules.name(v, d.name());
        v.check(d.enabled() != null, "enabled", "is required: true or false");
        List<String> segments = d.segments() == null ? List.of() : d.segments();
        List<String> excluded = d.excludeSegments() == null ? List.of() : d.excludeSegments();
        ExperimentRules.segments(v, "segments", segments, segmentExists);
        ExperimentRules.segments(v, "excludeSegments", excluded, segmentExists);
        ExperimentRules.percent(v, "rollout", d.percent());
        v.throwIfInvalid();
        Instant now = now();
        Flag f = new Flag(d.key(), d.name() == null ? d.key() : d.name().strip(), d.enabled(),
                new Targeting(segments, excluded, ExperimentRules.basisPoints(d.percent())), salt(), now, now);
        if (!store.insert(f)) throw new ConflictException("a flag with key \"" + d.key() + "\" exists already");
        flags.put(f.key(), f);
        return f;
    }

    public synchronized Flag patchFlag(String key, TargetingPatch p) {
        Flag f = flag(key);
        Validation v = new Validation();
        v.check(!p.variants().present(), "variants", "flags have no variants");
        if (p.name().present()) ExperimentRules.name(v, p.name().value());
        v.check(!p.enabled().present() || p.enabled().value() != null, "enabled", "must be true or false");
        Targeting t = targeting(v, f.targeting(), p, "rollout");
        v.throwIfInvalid();
        Flag changed = new Flag(key, p.name().orElse(f.name()).strip(), p.enabled().orElse(f.enabled()), t, f.salt(),
                f.createdAt(), now());
        store.update(changed);
        flags.put(key, changed);
        return changed;
    }

    public synchronized void deleteFlag(String key) {
        flag(key);
        store.deleteFlag(key);
        flags.remove(key);
    }

    /** A new flag under {@code newKey} with the same targeting and rollout; it starts off, whatever the original is. */
    public Flag duplicateFlag(String key, String newKey, String newName) {
        Flag f = flag(key);
        Targeting t = f.targeting();
        return createFlag(new FlagDraft(newKey, newName == null ? copyName(f.name()) : newName, false, t.segments(),
                t.excludeSegments(), t.percentBasisPoints() / 100.0));
    }

    public Flag flag(String key) {
        Flag f = flags.get(key);
        if (f == null) throw new NotFoundException("no flag with key \"" + key + "\"");
        return f;
    }

    public List<Flag> flags() {
        return flags.values().stream().sorted(Comparator.comparing(Flag::createdAt).thenComparing(Flag::key)).toList();
    }

    public FlagDecision decide(String key, String userId) {
        return assigner.decide(flag(key), userId);
    }

    /** Every running experiment and every flag, for one user, in one answer. */
    public record AllAssignments(Map<String, Assignment> experiments, Map<String, FlagDecision> flags) {}

    public AllAssignments assignmentsOf(String userId) {
        Map<String, Assignment> ex = new LinkedHashMap<>();
        for (Experiment e : experiments()) {
            if (e.status() == ExperimentStatus.RUNNING) ex.put(e.key(), assign(e.key(), userId));
        }
        Map<String, FlagDecision> fl = new LinkedHashMap<>();
        for (Flag f : flags()) fl.put(f.key(), assigner.decide(f, userId));
        return new AllAssignments(ex, fl);
    }

    /** What uses a segment, so that it is not deleted from under them. */
    public List<String> usersOf(String segmentKey) {
        List<String> out = new ArrayList<>();
        for (Experiment e : experiments()) {
            if (uses(e.targeting(), segmentKey)) out.add("experiment \"" + e.key() + "\"");
        }
        for (Flag f : flags()) {
            if (uses(f.targeting(), segmentKey)) out.add("flag \"" + f.key() + "\"");
        }
        return out;
    }

    private static boolean uses(Targeting t, String key) {
        return t.segments().contains(key) || t.excludeSegments().contains(key);
    }

    private Targeting targeting(Validation v, Targeting current, TargetingPatch p, String percentField) {
        List<String> segments = p.segments().present() && p.segments().value() != null ? p.segments().value() : current.segments();
        List<String> excluded = p.excludeSegments().present() && p.excludeSegments().value() != null
                ? p.excludeSegments().value() : current.excludeSegments();
        if (p.segments().present()) ExperimentRules.segments(v, "segments", segments, segmentExists);
        if (p.excludeSegments().present()) ExperimentRules.segments(v, "excludeSegments", excluded, segmentExists);
        if (p.percent().present()) ExperimentRules.percent(v, percentField, p.percent().value());
        int bp = p.percent().present() ? ExperimentRules.basisPoints(p.percent().value()) : current.percentBasisPoints();
        return v.ok() ? new Targeting(segments, excluded, bp) : current;
    }
}
