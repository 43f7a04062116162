package dev.audience.campaign;

import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A message to send to segments, and where it is in its life. {@code snapshotVersions} records, when
 * sending starts, the version of each segment that made the audience. {@code sendTimeZone} is the zone the send
 * time was given in (null when it was given as an instant), kept to show it back as it was chosen.
 */
public record Campaign(String id, String name, String channel, List<String> segments, List<String> excludeSegments,
                       CampaignContent content, CampaignStatus status, String statusReason, Instant sendAt,
                       ZoneId sendTimeZone, Instant expiresAt, Map<String, Long> snapshotVersions, Instant createdAt, Instant updatedAt,
                       Instant startedAt, Instant finishedAt) {
    public static final String EMAIL = "email";
    public static final String BANNER = "banner";
    public static final String PUSH = "push";

    public Campaign {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(channel, "channel");
        segments = List.copyOf(segments);
        excludeSegments = List.copyOf(excludeSegments);
        Objects.requireNonNull(content, "content");
        Objects.requireNonNull(status, "status");
        snapshotVersions = snapshotVersions == null ? Map.of() : Map.copyOf(snapshotVersions);
        Objects.requireNonNull(createdAt, "createdAt");
        Objects.requireNonNull(updatedAt, "updatedAt");
    }

    public Campaign with(CampaignStatus s, String reason, Instant now) {
        return new Campaign(id, name, channel, segments, excludeSegments, content, s, reason, sendAt, sendTimeZone, expiresAt,
                snapshotVersions, createdAt, now, s == CampaignStatus.SENDING || s == CampaignStatus.ACTIVE ? now : startedAt,
                s.isFinal() ? now : finishedAt);
    }

    public Campaign scheduledAt(Instant at, ZoneId zone, Instant now) {
        return new Campaign(id, name, channel, segments, excludeSegments, content, CampaignStatus.SCHEDULED, null, at,
                zone, expiresAt, snapshotVersions, createdAt, now, startedAt, finishedAt);
    }

    public Campaign sendingWith(Map<String, Long> versions, Instant now) {
        return new Campaign(id, name, channel, segments, excludeSegments, content, CampaignStatus.SENDING, null, sendAt,
                sendTimeZone, expiresAt, versions, createdAt, now, now, null);
    }

    /** The content of an email campaign; an error for any other channel. */
    public EmailContent email() {
        if (content instanceof EmailContent e) return e;
        throw new IllegalStateException("campaign " + id + " is a " + channel + " campaign, not email");
    }

    /** The content of a push campaign; an error for any other channel. */
    public PushContent push() {
        if (content instanceof PushContent p) return p;
        throw new IllegalStateException("campaign " + id + " is a " + channel + " campaign, not push");
    }

    public boolean isBanner() {
        return content instanceof BannerContent;
    }
}
