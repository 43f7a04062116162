package dev.audience.segment.lang;

import org.junit.jupiter.api.Test;

import java.util.List;

import static dev.audience.segment.lang.Trees.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TextRendererTest {

    private static String canonical(String text) {
        return TextRenderer.render(TextParser.parse(text).condition());
    }

    @Test
    void writesTheCanonicalForm() {
        assertThat(canonical("DID page_view WHERE url = '/pricing' IN LAST 30 DAYS AND NOT DID purchase"))
                .isEqualTo("did page_view where url = \"/pricing\" in last 30 days and did not purchase ever");
        assertThat(canonical("did purchase where amount >= 100 and currency in ('EUR','USD') in last 90 days at least 2 times"))
                .isEqualTo("did purchase where amount >= 100 and currency in (\"EUR\", \"USD\") at least 2 times in last 90 days");
        assertThat(canonical("did a once in last 1 day")).isEqualTo("did a in last 1 day");
        assertThat(canonical("did a exactly 1 times ever")).isEqualTo("did a exactly 1 time ever");
    }

    @Test
    void parenthesisesOnlyWherePrecedenceNeedsIt() {
        assertThat(canonical("in segment \"a\" or (in segment \"b\" and in segment \"c\")"))
                .isEqualTo("in segment \"a\" or in segment \"b\" and in segment \"c\"");
        assertThat(canonical("(in segment \"a\" or in segment \"b\") and in segment \"c\""))
                .isEqualTo("(in segment \"a\" or in segment \"b\") and in segment \"c\"");
        assertThat(canonical("not (in segment \"a\" or in segment \"b\")"))
                .isEqualTo("not (in segment \"a\" or in segment \"b\")");
        assertThat(canonical("not not in segment \"a\"")).isEqualTo("not not in segment \"a\"");
    }

    @Test
    void writesBetweenWithDatesWhenBothEndsAreMidnight() {
        assertThat(TextRenderer.render(did("a", between("2026-01-01", "2026-02-01"))))
                .isEqualTo("did a between 2026-01-01 and 2026-01-31");
        assertThat(TextRenderer.render(did("a", between("2026-01-01T10:00:00Z", "2026-02-01"))))
                .isEqualTo("did a between 2026-01-01T10:00:00Z and 2026-02-01T00:00:00Z");
        assertThat(TextRenderer.render(did("a", between("2026-01-01", "2026-01-01T12:30:00Z"))))
                .isEqualTo("did a between 2026-01-01 and 2026-01-01T12:30:00Z");
    }

    @Test
    void quotesWhatIsNotAPlainWord() {
        Condition tree = and(
                did("Order Completed", ever(), filter("in", Op.EQ, text("say \"hi\"\\\n")), filter("a`b", Op.IS_SET)),
                profile(attribute("email"), Op.EQ, text("x")),
                profile(attribute("first name"), Op.IS_SET),
                profile(attribute("segment"), Op.EQ, text("smb")),
                profile(attribute("attributes.x"), Op.EQ, number("1")),
                profile(attribute("plan"), Op.EQ, number("1.50")));
        String text = TextRenderer.render(tree);
        assertThat(text).isEqualTo("did `Order Completed` where `in` = \"say \\\"hi\\\"\\\\\\n\" and `a\\`b` is set ever"
                + " and attributes.email = \"x\" and attributes.`first name` is set and attributes.segment = \"smb\""
                + " and attributes.attributes.x = 1 and plan = 1.50");
        assertThat(TextParser.parse(text).condition()).isEqualTo(tree);
    }

    @Test
    void controlCharactersAreEscaped() {
        Condition tree = profile(attribute("x"), Op.EQ, text("a\u0001b\tc"));
        assertThat(TextRenderer.render(tree)).isEqualTo("x = \"a\\u0001b\\tc\"");
        assertThat(TextParser.parse(TextRenderer.render(tree)).condition()).isEqualTo(tree);
    }

    @Test
    void numbersArePlain() {
        Condition tree = profile(attribute("x"), Op.GT, new Value.Number(new java.math.BigDecimal("1E+3")));
        assertThat(TextRenderer.render(tree)).isEqualTo("x > 1000");
    }

    @Test
    void refusesAnOperatorWithTheWrongNumberOfValues() {
        Condition tree = new Condition.ProfileMatch(attribute("x"), Op.EQ, List.of(), null);
        assertThatThrownBy(() -> TextRenderer.render(tree)).isInstanceOf(IllegalArgumentException.class);
    }
}
