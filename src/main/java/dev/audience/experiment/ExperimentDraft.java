package dev.audience.experiment;

import java.util.List;

/** A new experiment as requested; percent is the traffic allocation (null = 100). */
public record ExperimentDraft(String key, String name, List<Variant> variants, List<String> segments,
                              List<String> excludeSegments, Double percent) {}
