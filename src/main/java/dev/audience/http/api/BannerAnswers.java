package dev.audience.http.api;

import dev.audience.banner.BannerServing;
import dev.audience.banner.BannerViews;
import dev.audience.banner.IndexedBanner;
import dev.audience.common.FieldError;
import dev.audience.common.Text;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * The answer to "which banners does this user see in these placements now": checked, chosen from the
 * in-memory index (no database), and written as JSON from the banners' bytes encoded at index time. Both
 * the Javalin route and the Jetty fast path answer through here, so they cannot disagree.
 */
public final class BannerAnswers {
    public static final int MAX_PLACEMENTS = 20;
    private static final byte[] NULL = "null".getBytes(StandardCharsets.UTF_8);
    private static final byte[] END = "}}".getBytes(StandardCharsets.UTF_8);

    private final BannerServing serving;
    private final BannerViews views;
    private final Function<String, Optional<Integer>> ordinalOf;
    private final Clock clock;

    /** {@code ordinalOf} finds an existing user's profile ordinal (empty for a user with no profile). */
    public BannerAnswers(BannerServing serving, BannerViews views, Function<String, Optional<Integer>> ordinalOf, Clock clock) {
        this.serving = serving;
        this.views = views;
        this.ordinalOf = ordinalOf;
        this.clock = clock;
    }

    /** What is wrong with a request for these; empty when it can be answered. */
    public static List<FieldError> problems(String userId, List<String> placements) {
        List<FieldError> errors = new ArrayList<>();
        if (userId == null || userId.isEmpty() || userId.length() > 256) {
            errors.add(new FieldError("userId", "is required as a query parameter, at most 256 characters"));
        }
        if (placements.isEmpty()) {
            errors.add(new FieldError("placement", "give at least one, e.g. ?placement=top&placement=sidebar"));
        } else if (placements.size() > MAX_PLACEMENTS) {
            errors.add(new FieldError("placement", "at most " + MAX_PLACEMENTS + " per request, got " + placements.size()));
        }
        for (int i = 0; i < placements.size(); i++) {
            if (!Text.isKey(placements.get(i))) {
                errors.add(new FieldError("placement[" + i + "]", "is not a placement key: " + placements.get(i)));
            }
        }
        return errors;
    }

    /** {"userId": …, "banners": {placement: banner or null, …}} for a request without {@link #problems}. */
    public byte[] answer(String userId, List<String> placements) {
        int ordinal = ordinalOf.apply(userId).orElse(-1);
        Instant now = clock.instant();
        Predicate<IndexedBanner> blocked = views.blockedFor(userId, LocalDate.ofInstant(now, ZoneOffset.UTC));
        ByteArrayOutputStream out = new ByteArrayOutputStream(64 + 640 * placements.size());
        out.writeBytes(("{\"userId\":" + Text.jsonString(userId) + ",\"banners\":{").getBytes(StandardCharsets.UTF_8));
        ThreadLocalRandom random = ThreadLocalRandom.current();
        for (int i = 0; i < placements.size(); i++) {
            String p = placements.get(i);
            if (i > 0) out.write(',');
            out.write('"');
            out.writeBytes(p.getBytes(StandardCharsets.UTF_8)); // a placement key needs no escaping
            out.write('"');
            out.write(':');
            Optional<IndexedBanner> chosen = serving.choose(p, ordinal, now, blocked, random);
            out.writeBytes(chosen.isPresent() ? chosen.get().encoded() : NULL);
        }
        out.writeBytes(END);
        return out.toByteArray();
    }
}
