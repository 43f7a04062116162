package dev.audience.segment;

/** A new segment as requested; {@code definition} and {@code refresh} only for dynamic segments. */
public record SegmentDraft(String key, String name, String description, SegmentType type, DefinitionInput definition,
                           RefreshSchedule refresh, boolean internal) {}
