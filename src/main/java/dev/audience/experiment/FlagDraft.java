package dev.audience.experiment;

import java.util.List;

/** A new flag as requested; name defaults to the key, percent (rollout) to 100. */
public record FlagDraft(String key, String name, Boolean enabled, List<String> segments, List<String> excludeSegments,
                        Double percent) {}
