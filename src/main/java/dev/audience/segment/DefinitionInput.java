package dev.audience.segment;

import java.util.Objects;

/** A dynamic segment's definition as given: the text form, or the JSON form as plain Java maps and lists. */
public sealed interface DefinitionInput {
    record Text(String text) implements DefinitionInput {
        public Text {
            Objects.requireNonNull(text, "text");
        }
    }

    record Json(Object tree) implements DefinitionInput {
        public Json {
            Objects.requireNonNull(tree, "tree");
        }
    }
}
