package dev.audience.experiment;

import dev.audience.common.Change;

import java.util.List;

/**
 * Changes to an experiment or flag; absent fields are kept. {@code variants} and {@code enabled} apply to
 * experiments and flags respectively.
 */
public record TargetingPatch(Change<String> name, Change<List<Variant>> variants, Change<Boolean> enabled,
                             Change<List<String>> segments, Change<List<String>> excludeSegments, Change<Double> percent) {}
