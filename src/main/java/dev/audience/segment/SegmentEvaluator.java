package dev.audience.segment;

import dev.audience.common.NotFoundException;
import dev.audience.profile.LiveProfiles;
import dev.audience.profile.Profile;
import dev.audience.segment.lang.Condition;
import org.roaringbitmap.RoaringBitmap;

import java.time.Instant;

/**
 * Turns a condition tree into members. Each leaf runs where its data lives (events: the event store;
 * profile fields: the state store; "in segment": that segment's current snapshot) and yields a bitmap;
 * and / or / not are bitmap operations, with "not" taken against every live profile.
 */
public final class SegmentEvaluator {
    private final EventConditions events;
    private final ProfileConditions profiles;
    private final SegmentIndex index;
    private final LiveProfiles live;

    public SegmentEvaluator(EventConditions events, ProfileConditions profiles, SegmentIndex index, LiveProfiles live) {
        this.events = events;
        this.profiles = profiles;
        this.index = index;
        this.live = live;
    }

    /** The live profiles that meet the condition at {@code now}. */
    public RoaringBitmap members(Condition c, Instant now) {
        RoaringBitmap everyone = live.snapshot();
        RoaringBitmap result = evaluate(c, now, everyone);
        result.and(everyone);
        result.runOptimize();
        return result;
    }

    private RoaringBitmap evaluate(Condition c, Instant now, RoaringBitmap everyone) {
        return switch (c) {
            case Condition.And and -> {
                RoaringBitmap acc = null;
                for (Condition item : and.items()) {
                    RoaringBitmap b = evaluate(item, now, everyone);
                    if (acc == null) acc = b;
                    else acc.and(b);
                    if (acc.isEmpty()) break; // nothing left to narrow
                }
                yield acc;
            }
            case Condition.Or or -> {
                RoaringBitmap acc = new RoaringBitmap();
                for (Condition item : or.items()) acc.or(evaluate(item, now, everyone));
                yield acc;
            }
            case Condition.Not not -> RoaringBitmap.andNot(everyone, evaluate(not.item(), now, everyone));
            case Condition.Did did -> {
                EventConditions.Performed p = events.performed(did, now);
                yield p.complement() ? RoaringBitmap.andNot(everyone, p.ordinals()) : p.ordinals();
            }
            case Condition.ProfileMatch m -> profiles.matching(m, now);
            case Condition.InSegment in -> in.key().equals(Segment.EVERYONE) ? everyone.clone()
                    : index.current(in.key()).map(s -> s.members().clone())
                    .orElseThrow(() -> new NotFoundException("segment \"" + in.key() + "\" has no members computed yet"));
        };
    }

    /** Whether one profile meets the condition at {@code now}, with the figure behind each part. */
    public Explanation explain(Condition c, Profile profile, Instant now) {
        return Explanations.explain(c, profile, now, events, profiles, index, live);
    }
}
