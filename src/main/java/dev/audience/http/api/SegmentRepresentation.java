package dev.audience.http.api;

import dev.audience.segment.RefreshSchedule;
import dev.audience.segment.Segment;
import dev.audience.segment.SegmentView;
import dev.audience.segment.lang.JsonForm;
import dev.audience.segment.lang.TextParser;

import java.time.Instant;
import java.util.Map;

/** A segment on the wire: its definition in both forms, schedule, state and current size. */
public record SegmentRepresentation(String key, String name, String description, String type, String definition,
                                    Object definitionJson, Map<String, Object> refresh, boolean internal, long size,
                                    long version, String refreshedAt, String status, String error, String createdAt,
                                    String updatedAt, String nextRefreshAt) {

    public static SegmentRepresentation of(SegmentView v) {
        Segment s = v.segment();
        return new SegmentRepresentation(s.key(), s.name(), s.description(), s.type().wireName(), s.definition(),
                s.definition() == null ? null : JsonForm.write(TextParser.parse(s.definition()).condition()),
                refresh(s.refresh()), s.internal(), v.size(), v.version(), text(v.refreshedAt()), s.status().wireName(),
                s.error(), text(s.createdAt()), text(s.updatedAt()), text(s.nextRefreshAt()));
    }

    static Map<String, Object> refresh(RefreshSchedule r) {
        return switch (r) {
            case null -> null;
            case RefreshSchedule.Every e -> Map.of("every", e.text());
            case RefreshSchedule.Cron c -> Map.of("cron", c.expression());
        };
    }

    private static String text(Instant t) {
        return t == null ? null : t.toString();
    }
}
