package dev.audience.experiment;

import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * Decides who is in an experiment or flag, and which variant, from memory only: the user's ordinal
 * (cached), segment bitmaps, and a stable hash. The same user gets the same answer on every node and
 * after restarts.
 *
 * <p>Variants are picked by weighted rendezvous hashing: each variant scores {@code -weight / ln(u)} with
 * {@code u} a per-(user, variant) uniform draw, and the highest score wins. The chance of a variant is
 * its share of the weights, and when one weight changes only users moving to or from that variant move:
 * as few as possible.
 */
public final class Assigner {
    /** Draw number for the allocation check, apart from the variants' (which are salted by their keys' stable hashes). */
    private static final long ALLOCATION = 0x5bd1e995_5bd1e995L;
    private static final String EVERYONE = "everyone is targeted";
    /** Reason texts, made once each: assignment is a hot path and should not build strings. */
    private static final java.util.concurrent.ConcurrentMap<String, java.util.concurrent.ConcurrentMap<String, String>> REASONS =
            new java.util.concurrent.ConcurrentHashMap<>();
    private final SegmentMembership segments;
    private final Function<String, Optional<Integer>> ordinals;

    public Assigner(SegmentMembership segments, Function<String, Optional<Integer>> ordinals) {
        this.segments = segments;
        this.ordinals = ordinals;
    }

    public Assignment assign(Experiment e, String userId) {
        if (e.status() != ExperimentStatus.RUNNING) return Assignment.out("experiment is " + e.status().wireName());
        Eligibility el = eligibility(e.targeting(), userId, e.salt());
        if (!el.eligible()) return Assignment.out(el.reason());
        long h = StableHash.of(e.salt(), userId);
        return new Assignment(true, pick(e.variants(), h), el.reason(), el.segmentVersion());
    }

    public FlagDecision decide(Flag f, String userId) {
        if (!f.enabled()) return new FlagDecision(false, "flag is off");
        Eligibility el = eligibility(f.targeting(), userId, f.salt());
        return new FlagDecision(el.eligible(), el.reason());
    }

    private record Eligibility(boolean eligible, String reason, Long segmentVersion) {}

    private Eligibility eligibility(Targeting t, String userId, String salt) {
        Long version = null;
        String why;
        if (!t.segments().isEmpty() || !t.excludeSegments().isEmpty()) {
            Optional<Integer> ordinal = ordinals.apply(userId);
            if (ordinal.isEmpty() && !t.segments().isEmpty()) return new Eligibility(false, "unknown user", null);
            if (ordinal.isPresent()) {
                int o = ordinal.get();
                for (String x : t.excludeSegments()) {
                    if (segments.contains(x, o)) return new Eligibility(false, reason("excluded by segment ", x), null);
                }
                String target = null;
                for (String s : t.segments()) {
                    if (segments.contains(s, o)) {
                        target = s;
                        break;
                    }
                }
                if (!t.segments().isEmpty() && target == null) {
                    return new Eligibility(false, "not in the target segments", null);
                }
                if (target != null) version = segments.version(target);
                why = target == null ? EVERYONE : reason("in segment ", target);
            } else {
                why = EVERYONE;
            }
        } else {
            why = EVERYONE;
        }
        if (t.percentBasisPoints() < Targeting.ALL) {
            int bucket = StableHash.basisPoints(StableHash.derive(StableHash.of(salt, userId), ALLOCATION));
            if (bucket >= t.percentBasisPoints()) return new Eligibility(false, "outside the traffic allocation", version);
            why = reason(why, ", within the traffic allocation");
        }
        return new Eligibility(true, why, version);
    }

    private static String reason(String prefix, String rest) {
        return REASONS.computeIfAbsent(prefix, k -> new java.util.concurrent.ConcurrentHashMap<>())
                .computeIfAbsent(rest, r -> prefix + r);
    }

    /** Weighted rendezvous hashing over the variants. */
    static String pick(List<Variant> variants, long h) {
        String best = null;
        double bestScore = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < variants.size(); i++) {
            Variant v = variants.get(i);
            if (v.weight() <= 0) continue;
            // salted by the variant's key, so renaming or reordering other variants moves no one
            long draw = StableHash.derive(h, StableHash.of("variant", v.key()));
            double score = -v.weight() / Math.log(StableHash.unit(draw));
            if (score > bestScore) {
                bestScore = score;
                best = v.key();
            }
        }
        return best;
    }
}
