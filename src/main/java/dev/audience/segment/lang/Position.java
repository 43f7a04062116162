package dev.audience.segment.lang;

/**
 * Where a node of a text definition starts (1-based line and column), so that the {@link Checker}
 * can point at the exact word a person has to change, not just name the problem.
 */
public record Position(int line, int column) {
    public Position {
        if (line < 1 || column < 1) throw new IllegalArgumentException("line and column are 1-based");
    }
}
