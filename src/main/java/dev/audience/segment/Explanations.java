package dev.audience.segment;

import dev.audience.profile.LiveProfiles;
import dev.audience.profile.Profile;
import dev.audience.segment.lang.Condition;
import dev.audience.segment.lang.Count;
import dev.audience.segment.lang.TextRenderer;
import dev.audience.segment.lang.Window;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** Explains a condition for one profile, leaf by leaf, with the same queries that compute members. */
final class Explanations {
    private Explanations() {}

    static Explanation explain(Condition c, Profile profile, Instant now, EventConditions events,
                               ProfileConditions profiles, SegmentIndex index, LiveProfiles live) {
        int ordinal = profile.ordinal();
        String text = TextRenderer.render(c);
        return switch (c) {
            case Condition.And and -> {
                List<Explanation> parts = new ArrayList<>();
                for (Condition item : and.items()) parts.add(explain(item, profile, now, events, profiles, index, live));
                boolean met = parts.stream().allMatch(Explanation::met);
                yield new Explanation(text, met, met ? "all parts are met" : "not every part is met", parts);
            }
            case Condition.Or or -> {
                List<Explanation> parts = new ArrayList<>();
                for (Condition item : or.items()) parts.add(explain(item, profile, now, events, profiles, index, live));
                boolean met = parts.stream().anyMatch(Explanation::met);
                yield new Explanation(text, met, met ? "at least one part is met" : "no part is met", parts);
            }
            case Condition.Not not -> {
                Explanation inner = explain(not.item(), profile, now, events, profiles, index, live);
                yield new Explanation(text, !inner.met(), inner.met() ? "the negated part is met" : "the negated part is not met",
                        List.of(inner));
            }
            case Condition.Did did -> {
                long times = events.timesPerformed(did, ordinal, now);
                Count k = did.count();
                boolean met = times >= k.min() && (k.max() < 0 || times <= k.max());
                String what = did.event() + (did.where().isEmpty() ? "" : " " + whereText(text));
                yield new Explanation(text, met, what + ": " + times + (times == 1 ? " time " : " times ") + windowText(did.window()),
                        List.of());
            }
            case Condition.ProfileMatch m -> {
                boolean met = profiles.matches(m, ordinal, now);
                yield new Explanation(text, met, m.field().name() + " is " + valueText(profile, m), List.of());
            }
            case Condition.InSegment in -> {
                boolean met = in.key().equals(Segment.EVERYONE) ? live.contains(ordinal)
                        : index.current(in.key()).map(s -> s.members().contains(ordinal)).orElse(false);
                yield new Explanation(text, met, (met ? "member of " : "not a member of ") + "\"" + in.key() + "\"", List.of());
            }
        };
    }

    /** The where part of a rendered did clause: from "where" up to the count or window. */
    private static String whereText(String didText) {
        int at = didText.indexOf(" where ");
        return at < 0 ? "" : didText.substring(at + 1).replaceAll(" (at least|at most|exactly|once|in last|between|ever).*$", "");
    }

    /** The profile's value of the field, as a person reads it. */
    private static String valueText(Profile p, Condition.ProfileMatch m) {
        Object v;
        if (m.field().attribute()) {
            v = p.attributes().get(m.field().name());
        } else {
            v = switch (m.field().name()) {
                case "user_id" -> p.userId();
                case "email" -> p.email();
                case "email_status" -> p.emailStatus().wireName();
                case "timezone" -> p.timezone();
                case "locale" -> p.locale();
                case "created_at" -> p.createdAt();
                case "updated_at" -> p.updatedAt();
                default -> null;
            };
        }
        if (v == null) return "not set";
        return v instanceof String || v instanceof Instant ? "\"" + v + "\"" : String.valueOf(v);
    }

    static String windowText(Window w) {
        return switch (w) {
            case Window.Ever e -> "ever";
            case Window.Last l -> "in last " + l.amount() + " " + l.unit().name().toLowerCase(java.util.Locale.ROOT);
            case Window.Between b -> "between " + b.from() + " and " + b.to();
        };
    }
}
