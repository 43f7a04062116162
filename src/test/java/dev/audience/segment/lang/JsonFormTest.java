package dev.audience.segment.lang;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static dev.audience.segment.lang.Trees.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class JsonFormTest {

    @Test
    void readsTheSameTreeAsTheText() {
        assertThat(JsonForm.read(Examples.JSON.get(0))).isEqualTo(TextParser.parse(
                "did page_view where url = \"/pricing\" in last 30 days and plan in (\"pro\", \"team\")").condition());
        assertThat(JsonForm.read(Examples.JSON.get(1))).isEqualTo(TextParser.parse(
                "did purchase where amount >= 100 and currency in (\"EUR\", \"USD\") at least 2 times in last 90 days").condition());
        assertThat(JsonForm.read(Examples.JSON.get(2))).isEqualTo(TextParser.parse(
                "in segment \"beta\" or (did app_open exactly 3 times between 2026-01-01 and 2026-01-31)").condition());
        assertThat(JsonForm.read(Examples.JSON.get(3))).isEqualTo(TextParser.parse(
                "did not signup ever and country != \"FR\"").condition());
    }

    @Test
    void readsProfileConditions() {
        assertThat(JsonForm.read(Examples.JSON.get(4))).isEqualTo(and(
                profile(builtIn("email_status"), Op.EQ, text("subscribed")),
                within(builtIn("created_at"), lastDays(7)),
                not(inSegment("churned"))));
        assertThat(JsonForm.read(Examples.JSON.get(6))).isEqualTo(and(
                profile(attribute("email"), Op.CONTAINS, text("@")),
                profile(builtIn("created_at"), Op.LT, time("2026-01-01")),
                profile(attribute("signup_day"), Op.EQ, text("2026-01-01"))));
    }

    @Test
    void acceptsAnInLastOpWithAWindow() {
        Condition expected = within(builtIn("created_at"), lastDays(7));
        assertThat(JsonForm.read(Map.of("profile", Map.of("field", "created_at", "op", "in last",
                "window", Map.of("last", 7, "unit", "days"))))).isEqualTo(expected);
    }

    @Test
    void readsEveryKindOfNumberExactly() {
        List<Object> numbers = List.of(7, 7L, 2.5, 2.5f, new BigDecimal("2.50"), BigInteger.TEN, 1e20);
        List<Value> values = numbers.stream().map(n -> ((Condition.ProfileMatch) JsonForm.read(
                Map.of("profile", Map.of("field", "x", "op", "=", "value", n)))).values().get(0)).toList();
        assertThat(values).containsExactly(number("7"), number("7"), number("2.5"), number("2.5"), number("2.50"),
                number("10"), number("100000000000000000000"));
    }

    @Test
    void acceptsWholeNumbersWrittenAsDecimals() {
        assertThat(JsonForm.read(Map.of("did", Map.of("event", "a", "count", Map.of("atLeast", 3.0)))))
                .isEqualTo(did("a", List.of(), atLeast(3), ever()));
    }

    @Test
    void flattensNestedGroupsOfTheSameKind() {
        assertThat(JsonForm.read(Map.of("and", List.of(Map.of("inSegment", "a"),
                Map.of("and", List.of(Map.of("inSegment", "b"), Map.of("inSegment", "c")))))))
                .isEqualTo(and(inSegment("a"), inSegment("b"), inSegment("c")));
    }

    @Test
    void writesDefaultsLeftOutAndNotDidAsDidNot() {
        assertThat(JsonForm.write(TextParser.parse("did not signup once ever").condition()))
                .isEqualTo(Map.of("didNot", Map.of("event", "signup")));
        assertThat(JsonForm.write(TextParser.parse("not in segment \"x\"").condition()))
                .isEqualTo(Map.of("not", Map.of("inSegment", "x")));
    }

    @Test
    void writesAttributesNamedLikeBuiltInsWithThePrefix() {
        assertThat(JsonForm.write(TextParser.parse("attributes.email is set and email is set").condition()))
                .isEqualTo(Map.of("and", List.of(
                        Map.of("profile", Map.of("field", "attributes.email", "op", "is set")),
                        Map.of("profile", Map.of("field", "email", "op", "is set")))));
    }

    @Test
    void writesWindowsLikeTheText() {
        assertThat(JsonForm.write(TextParser.parse("did a between 2026-01-01 and 2026-01-31").condition()))
                .isEqualTo(Map.of("did", Map.of("event", "a", "window", Map.of("between", List.of("2026-01-01", "2026-01-31")))));
        assertThat(JsonForm.write(TextParser.parse("did a between 2026-01-01 and 2026-01-31T12:00:00Z").condition()))
                .isEqualTo(Map.of("did", Map.of("event", "a",
                        "window", Map.of("between", List.of("2026-01-01", "2026-01-31T12:00:00Z")))));
        assertThat(JsonForm.write(TextParser.parse("created_at in last 2 weeks").condition()))
                .isEqualTo(Map.of("profile", Map.of("field", "created_at", "window", Map.of("last", 2, "unit", "weeks"))));
    }

    static Stream<Arguments> errors() {
        Map<String, Object> withNull = new HashMap<>();
        withNull.put("property", "x");
        withNull.put("op", "=");
        withNull.put("value", null);
        return Stream.of(
                Arguments.of(List.of(), "", "expected a condition (an object), found a list"),
                Arguments.of(Map.of(), "", "a condition has exactly one key (and, or, not, did, didNot, profile, inSegment), found none"),
                Arguments.of(Map.of("dit", Map.of()), "dit",
                        "unknown key \"dit\"; a condition takes and, or, not, did, didNot, profile, inSegment"),
                Arguments.of(Map.of("and", List.of(Map.of("inSegment", "a"))), "and", "needs two or more conditions, found 1"),
                Arguments.of(Map.of("and", List.of(Map.of("inSegment", "a"),
                        Map.of("did", Map.of("event", "buy", "where", List.of(Map.of("property", "x", "op", "like", "value", 1)))))),
                        "and[1].did.where[0].op", "unknown operator \"like\": use one of \"=\", \"!=\""),
                Arguments.of(Map.of("did", Map.of("event", "a", "when", "ever")), "did.when",
                        "unknown key \"when\"; an event condition takes event, where, count, window"),
                Arguments.of(Map.of("did", Map.of("where", List.of())), "did.event", "is required"),
                Arguments.of(Map.of("did", Map.of("event", 5)), "did.event", "expected a string, found the number 5"),
                Arguments.of(Map.of("did", Map.of("event", "a", "where", List.of(withNull))), "did.where[0].value",
                        "null is not a value: to test for a missing value, use op \"is not set\""),
                Arguments.of(Map.of("did", Map.of("event", "a", "where", List.of(Map.of("property", "x", "op", "in", "value", "a")))),
                        "did.where[0].value", "'in' takes a list: write \"values\": [...]"),
                Arguments.of(Map.of("did", Map.of("event", "a", "where", List.of(Map.of("property", "x", "op", "in", "values", List.of())))),
                        "did.where[0].values", "'in' needs at least one value"),
                Arguments.of(Map.of("did", Map.of("event", "a", "where", List.of(Map.of("property", "x", "op", "=", "values", List.of(1))))),
                        "did.where[0].values", "'=' takes one value: write \"value\": ..."),
                Arguments.of(Map.of("did", Map.of("event", "a", "where", List.of(Map.of("property", "x", "op", "is set", "value", 1)))),
                        "did.where[0].value", "'is set' takes no value"),
                Arguments.of(Map.of("did", Map.of("event", "a", "where", List.of(Map.of("property", "x", "op", "=", "value", List.of())))),
                        "did.where[0].value", "expected a string, a number or a boolean, found a list"),
                Arguments.of(Map.of("did", Map.of("event", "a", "count", Map.of("atLeast", 2.5))), "did.count.atLeast",
                        "expected a whole number, found 2.5"),
                Arguments.of(Map.of("did", Map.of("event", "a", "count", Map.of("atLeast", 2, "atMost", 3))), "did.count",
                        "a count has one key (atLeast, atMost or exactly)"),
                Arguments.of(Map.of("did", Map.of("event", "a", "window", "always")), "did.window",
                        "expected \"ever\", {\"last\": 30, \"unit\": \"days\"} or {\"between\""),
                Arguments.of(Map.of("did", Map.of("event", "a", "window", Map.of("last", 3, "unit", "months"))), "did.window.unit",
                        "unknown time unit \"months\": use minutes, hours, days or weeks"),
                Arguments.of(Map.of("did", Map.of("event", "a", "window", Map.of("between", List.of("2026-01-01")))),
                        "did.window.between", "expected two dates or times (from, to), found 1"),
                Arguments.of(Map.of("did", Map.of("event", "a", "window", Map.of("between", List.of("2026-01-01", "soon")))),
                        "did.window.between[1]", "expected a date (2026-01-31) or an ISO-8601 time with offset"),
                Arguments.of(Map.of("profile", Map.of("field", "created_at", "op", ">", "value", "last week")),
                        "profile.value", "expected a date (2026-01-31) or an ISO-8601 time with offset (2026-01-31T10:00:00Z), found the string \"last week\""),
                Arguments.of(Map.of("profile", Map.of("field", "created_at", "op", "=", "window", "ever")), "profile.op",
                        "a profile condition with a window takes no op"),
                Arguments.of(Map.of("profile", Map.of("field", "attributes.", "op", "is set")), "profile.field",
                        "expected an attribute name after \"attributes.\""),
                Arguments.of(Map.of("inSegment", 7), "inSegment", "expected a segment key (a string), found the number 7"),
                Arguments.of(Map.of("not", Map.of("inSegment", "a"), "or", List.of()), "",
                        "a condition has exactly one key"));
    }

    @ParameterizedTest
    @MethodSource("errors")
    void errorsNameTheJsonPath(Object json, String path, String message) {
        assertThatThrownBy(() -> JsonForm.read(json)).isInstanceOfSatisfying(DefinitionException.class, e -> {
            assertThat(e.path()).isEqualTo(path);
            assertThat(e.getMessage()).startsWith(path.isEmpty() ? message : path + ": " + message);
            assertThat(e.line()).isZero();
        });
    }
}
