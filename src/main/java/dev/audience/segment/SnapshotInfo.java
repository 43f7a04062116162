package dev.audience.segment;

import java.time.Instant;

/** A snapshot without its members: one row of a segment's history. */
public record SnapshotInfo(long version, Instant createdAt, long size, long entered, long exited) {}
