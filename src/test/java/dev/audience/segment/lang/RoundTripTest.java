package dev.audience.segment.lang;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.FieldSource;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Text and JSON say the same thing: each form written back reads as the same tree. */
class RoundTripTest {
    static final List<String> texts = Examples.TEXT;
    static final List<Object> jsons = Examples.JSON;

    @ParameterizedTest
    @FieldSource("texts")
    void textTreeTextTree(String text) {
        Condition tree = TextParser.parse(text).condition();
        String canonical = TextRenderer.render(tree);
        assertThat(TextParser.parse(canonical).condition()).as(canonical).isEqualTo(tree);
        assertThat(TextRenderer.render(TextParser.parse(canonical).condition())).isEqualTo(canonical);
    }

    @ParameterizedTest
    @FieldSource("texts")
    void textTreeJsonTree(String text) {
        Condition tree = TextParser.parse(text).condition();
        assertThat(JsonForm.read(JsonForm.write(tree))).isEqualTo(tree);
    }

    @ParameterizedTest
    @FieldSource("jsons")
    void jsonTreeJson(Object json) {
        Condition tree = JsonForm.read(json);
        assertThat(JsonForm.write(tree)).isEqualTo(json);
    }

    @ParameterizedTest
    @FieldSource("jsons")
    void jsonTreeTextTree(Object json) {
        Condition tree = JsonForm.read(json);
        String text = TextRenderer.render(tree);
        assertThat(TextParser.parse(text).condition()).as(text).isEqualTo(tree);
    }
}
