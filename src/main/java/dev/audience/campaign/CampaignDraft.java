package dev.audience.campaign;

import java.time.Instant;
import java.util.List;

/** A new campaign as requested. */
public record CampaignDraft(String name, String channel, List<String> segments, List<String> excludeSegments,
                            CampaignContent content, Instant expiresAt) {}
