package dev.audience.segment;

import dev.audience.segment.lang.Checker;
import dev.audience.segment.lang.Condition;
import dev.audience.segment.lang.JsonForm;
import dev.audience.segment.lang.ParsedDefinition;
import dev.audience.segment.lang.SegmentReferences;
import dev.audience.segment.lang.TextParser;
import dev.audience.segment.lang.TextRenderer;

import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** Reads, checks and renders definitions against the segments that exist (for references and cycles). */
final class Definitions {
    private final SegmentStore store;

    Definitions(SegmentStore store) {
        this.store = store;
    }

    /** A checked definition: its tree and canonical text. */
    record Checked(Condition condition, String text) {}

    /** Parses either form, then checks it as the definition of segment {@code selfKey} (null for previews). */
    Checked check(DefinitionInput input, String selfKey) {
        ParsedDefinition parsed = switch (input) {
            case DefinitionInput.Text t -> TextParser.parse(t.text());
            case DefinitionInput.Json j -> new ParsedDefinition(JsonForm.read(j.tree()), Map.of());
        };
        Checker.check(parsed.condition(), parsed.positions(), selfKey, references());
        return new Checked(parsed.condition(), TextRenderer.render(parsed.condition()));
    }

    /** The tree of a stored (canonical, already checked) definition. */
    static Condition stored(String text) {
        return TextParser.parse(text).condition();
    }

    SegmentReferences references() {
        return new SegmentReferences() {
            @Override
            public boolean exists(String key) {
                return store.find(key).isPresent();
            }

            @Override
            public Set<String> dependenciesOf(String key) {
                return store.find(key).map(Segment::definition).map(d -> Conditions.segmentKeys(stored(d)))
                        .orElse(Set.of());
            }
        };
    }

    static Optional<Condition> of(Segment s) {
        return Optional.ofNullable(s.definition()).map(Definitions::stored);
    }
}
