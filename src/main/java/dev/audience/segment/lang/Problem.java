package dev.audience.segment.lang;

/**
 * A rule broken, with the node to blame when one narrower than the condition is known (a value, a window);
 * the {@link Checker} turns it into a {@link DefinitionException} at that node's position.
 */
record Problem(Object node, String message) {
    static Problem of(String message) {
        return new Problem(null, message);
    }
}
