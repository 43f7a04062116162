package dev.audience.campaign;

import dev.audience.common.Change;

import java.time.Instant;
import java.util.List;

/** Changes to a draft campaign; absent fields are kept. */
public record CampaignPatch(Change<String> name, Change<List<String>> segments, Change<List<String>> excludeSegments,
                            Change<CampaignContent> content, Change<Instant> expiresAt) {}
