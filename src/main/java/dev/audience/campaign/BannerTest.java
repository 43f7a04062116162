package dev.audience.campaign;

import java.time.Instant;

/** A banner shown, as a test, to one segment's members from {@code startedAt} until {@code until}. */
public record BannerTest(String campaignId, String run, String segment, Instant startedAt, Instant until) {}
