package dev.audience.segment.lang;

import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * A text definition parsed: the tree, and where each of its nodes was written. Positions are keyed by
 * node identity (two equal filters written at two places have two positions): the constructor copies them
 * into an {@link IdentityHashMap}, so look nodes up with the very objects found in {@code condition}. A tree
 * from the JSON form has no positions: {@code new ParsedDefinition(tree, Map.of())}.
 *
 * <p>Nodes with a position: every {@link Condition}, {@link PropertyFilter}, {@link Value}, {@link Window}
 * and {@link Count} that was written in the text. Defaults the text left out (the count "at least once",
 * the window "ever") have none.
 */
public record ParsedDefinition(Condition condition, Map<Object, Position> positions) {
    public ParsedDefinition {
        Objects.requireNonNull(condition, "condition");
        positions = Collections.unmodifiableMap(new IdentityHashMap<>(positions));
    }

    /** Where {@code node} was written, or null for a node the text did not spell out. */
    public Position positionOf(Object node) {
        return positions.get(node);
    }
}
