package dev.audience.segment.lang;

import java.util.Objects;

/** How many times: at least N (the default, N = 1), at most N, or exactly N. */
public record Count(Kind kind, long n) {
    public static final Count AT_LEAST_ONCE = new Count(Kind.AT_LEAST, 1);

    public enum Kind { AT_LEAST, AT_MOST, EXACTLY }

    public Count {
        Objects.requireNonNull(kind, "kind");
    }

    /** Smallest count that matches. */
    public long min() {
        return kind == Kind.AT_MOST ? 0 : n;
    }

    /** Largest count that matches, or -1 for no upper bound. */
    public long max() {
        return kind == Kind.AT_LEAST ? -1 : n;
    }
}
