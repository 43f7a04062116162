package dev.audience.segment;

import dev.audience.common.Change;

/** Changes to a segment; absent fields are kept. {@code refresh} set to null stops scheduled refreshes. */
public record SegmentPatch(Change<String> name, Change<String> description, Change<DefinitionInput> definition,
                           Change<RefreshSchedule> refresh, Change<Boolean> internal) {}
