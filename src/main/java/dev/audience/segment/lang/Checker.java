package dev.audience.segment.lang;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashSet;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * The checks a definition must pass before it is saved, beyond its grammar: names the ingest API would accept,
 * counts and windows that can match someone, operators and values that fit what they compare, and segment
 * references that exist and do not loop back. The first problem, in the order the definition reads, is thrown
 * with its line and column when the text form gave positions; a tree read from JSON has none, and its messages
 * name the event, property or field instead.
 */
public final class Checker {
    private final Map<Object, Position> positions;
    private final String selfKey;
    private final SegmentReferences refs;

    private Checker(Map<Object, Position> positions, String selfKey, SegmentReferences refs) {
        this.positions = Objects.requireNonNull(positions, "positions");
        this.selfKey = selfKey;
        this.refs = Objects.requireNonNull(refs, "refs");
    }

    /**
     * @param positionsOrEmpty {@link ParsedDefinition#positions()} for the text form, an empty map otherwise
     * @param selfKeyOrNull    the key the definition is being saved under, or null for a segment not yet saved
     * @throws DefinitionException for the first problem found
     */
    public static void check(Condition condition, Map<Object, Position> positionsOrEmpty, String selfKeyOrNull,
                             SegmentReferences refs) {
        new Checker(positionsOrEmpty, selfKeyOrNull, refs).condition(Objects.requireNonNull(condition, "condition"), null);
    }

    /** {@link #check(Condition, Map, String, SegmentReferences)} for a parsed text definition. */
    public static void check(ParsedDefinition parsed, String selfKeyOrNull, SegmentReferences refs) {
        check(parsed.condition(), parsed.positions(), selfKeyOrNull, refs);
    }

    /** {@code around} is the position of the nearest enclosing node that has one. */
    private void condition(Condition c, Position around) {
        Position here = positionOf(c, around);
        switch (c) {
            case Condition.And and -> and.items().forEach(item -> condition(item, here));
            case Condition.Or or -> or.items().forEach(item -> condition(item, here));
            case Condition.Not not -> condition(not.item(), here);
            case Condition.Did did -> did(did, here);
            case Condition.ProfileMatch match -> profile(match, here);
            case Condition.InSegment in -> inSegment(in.key(), here);
        }
    }

    private void did(Condition.Did did, Position here) {
        failIf(ClauseRules.eventNameProblem(did.event()), here);
        for (PropertyFilter filter : did.where()) {
            Position at = positionOf(filter, here);
            failIf(ClauseRules.propertyNameProblem(filter.property()), at);
            failIf(MatchRules.property(filter, did.event()), at);
        }
        failIf(ClauseRules.countProblem(did.count()), positionOf(did.count(), here));
        failIf(ClauseRules.windowProblem(did.window()), positionOf(did.window(), here));
    }

    private void profile(Condition.ProfileMatch match, Position here) {
        if (match.field().attribute()) failIf(ClauseRules.attributeNameProblem(match.field().name()), here);
        failIf(MatchRules.profile(match), here);
        if (match.window() != null) failIf(ClauseRules.windowProblem(match.window()), positionOf(match.window(), here));
    }

    private void inSegment(String key, Position here) {
        if (key.isEmpty()) fail("'in segment' needs a segment key", here);
        if (key.equals(selfKey)) fail("a segment cannot contain itself: " + key + " → " + key, here);
        if (!refs.exists(key)) fail("unknown segment \"" + key + "\"", here);
        if (selfKey == null) return;
        Deque<String> path = new ArrayDeque<>();
        if (reaches(key, path, new HashSet<>())) {
            fail("in segment \"" + key + "\" would make a cycle: " + selfKey + " → " + String.join(" → ", path), here);
        }
    }

    /** Depth-first through the saved definitions; on success {@code path} runs from {@code key} to the self key. */
    private boolean reaches(String key, Deque<String> path, Set<String> seen) {
        path.addLast(key);
        if (key.equals(selfKey)) return true;
        if (seen.add(key)) {
            Set<String> next = refs.dependenciesOf(key);
            for (String dependency : next == null ? Set.<String>of() : next) {
                if (reaches(dependency, path, seen)) return true;
            }
        }
        path.removeLast();
        return false;
    }

    private Position positionOf(Object node, Position around) {
        Position p = node == null ? null : positions.get(node);
        return p != null ? p : around;
    }

    private void failIf(String problem, Position at) {
        if (problem != null) fail(problem, at);
    }

    private void failIf(Problem problem, Position at) {
        if (problem != null) fail(problem.message(), positionOf(problem.node(), at));
    }

    private static void fail(String message, Position at) {
        throw at == null ? new DefinitionException("", message) : new DefinitionException(at.line(), at.column(), message);
    }
}
