package dev.audience.campaign;

import java.util.Map;

/**
 * Who a campaign would reach if it were sent now: the audience (the target segments united, each person
 * once, minus the excluded), how many of them can be reached, how many will be skipped and why, how many
 * the exclusions took out, and how long the send would take at the configured rate (null when no rate
 * limit is configured: the relay then sets the pace).
 */
public record SendPlan(long audience, long reachable, Map<String, Long> skipped, long excluded,
                       Long estimatedSeconds, Map<String, Long> segmentVersions) {}
