package dev.audience.segment;

import java.util.List;

/**
 * Why a profile is in or out: for each part of the definition, its text, whether the profile meets it,
 * and the figure behind it (e.g. "page_view where url = \"/pricing\": 3 times in last 30 days").
 */
public record Explanation(String condition, boolean met, String detail, List<Explanation> parts) {
    public Explanation {
        parts = List.copyOf(parts);
    }
}
