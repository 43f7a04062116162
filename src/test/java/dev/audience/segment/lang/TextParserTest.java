package dev.audience.segment.lang;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.List;

import static dev.audience.segment.lang.Trees.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TextParserTest {

    private static Condition parse(String text) {
        return TextParser.parse(text).condition();
    }

    @Nested
    class Examples {
        @Test
        void pricingVisitorsWhoDidNotBuy() {
            assertThat(parse("did page_view where url = \"/pricing\" in last 30 days and not did purchase ever")).isEqualTo(
                    and(did("page_view", lastDays(30), filter("url", Op.EQ, text("/pricing"))),
                            not(did("purchase", ever()))));
        }

        @Test
        void repeatPurchasers() {
            assertThat(parse("did purchase where amount >= 100 and currency in (\"EUR\", \"USD\") at least 2 times in last 90 days"))
                    .isEqualTo(did("purchase", List.of(filter("amount", Op.GE, number("100")),
                            filter("currency", Op.IN, text("EUR"), text("USD"))), atLeast(2), lastDays(90)));
        }

        @Test
        void profileFields() {
            assertThat(parse("email_status = \"subscribed\" and plan in (\"pro\", \"team\") and created_at in last 7 days"))
                    .isEqualTo(and(profile(builtIn("email_status"), Op.EQ, text("subscribed")),
                            profile(attribute("plan"), Op.IN, text("pro"), text("team")),
                            within(builtIn("created_at"), lastDays(7))));
        }

        @Test
        void segmentOrExactCountBetweenDates() {
            assertThat(parse("in segment \"beta\" or (did app_open exactly 3 times between 2026-01-01 and 2026-01-31)"))
                    .isEqualTo(or(inSegment("beta"),
                            did("app_open", List.of(), exactly(3), between("2026-01-01", "2026-02-01"))));
        }

        @Test
        void didNot() {
            assertThat(parse("did not signup ever and country != \"FR\"")).isEqualTo(
                    and(not(did("signup", ever())), profile(attribute("country"), Op.NE, text("FR"))));
        }

        @Test
        void isSetAndStartsWith() {
            assertThat(parse("did page_view where referrer is set and url starts with \"/blog\"")).isEqualTo(
                    did("page_view", ever(), filter("referrer", Op.IS_SET), filter("url", Op.STARTS_WITH, text("/blog"))));
        }

        @Test
        void theDesignExample() {
            assertThat(parse("did page_view where url = \"/pricing\" in last 30 days and plan in (\"pro\", \"team\")"))
                    .isEqualTo(and(did("page_view", lastDays(30), filter("url", Op.EQ, text("/pricing"))),
                            profile(attribute("plan"), Op.IN, text("pro"), text("team"))));
        }
    }

    @Nested
    class Precedence {
        @Test
        void andBindsTighterThanOr() {
            assertThat(parse("in segment \"a\" or in segment \"b\" and in segment \"c\""))
                    .isEqualTo(or(inSegment("a"), and(inSegment("b"), inSegment("c"))));
            assertThat(parse("in segment \"a\" and in segment \"b\" or in segment \"c\""))
                    .isEqualTo(or(and(inSegment("a"), inSegment("b")), inSegment("c")));
        }

        @Test
        void notBindsTighterThanAnd() {
            assertThat(parse("not in segment \"a\" and in segment \"b\""))
                    .isEqualTo(and(not(inSegment("a")), inSegment("b")));
            assertThat(parse("not (in segment \"a\" and in segment \"b\")"))
                    .isEqualTo(not(and(inSegment("a"), inSegment("b"))));
        }

        @Test
        void parenthesesGroup() {
            assertThat(parse("(in segment \"a\" or in segment \"b\") and in segment \"c\""))
                    .isEqualTo(and(or(inSegment("a"), inSegment("b")), inSegment("c")));
        }

        @Test
        void groupsOfTheSameKindFlatten() {
            assertThat(parse("in segment \"a\" and (in segment \"b\" and in segment \"c\")"))
                    .isEqualTo(and(inSegment("a"), inSegment("b"), inSegment("c")));
            assertThat(parse("(in segment \"a\" or in segment \"b\") or (in segment \"c\")"))
                    .isEqualTo(or(inSegment("a"), inSegment("b"), inSegment("c")));
        }

        @Test
        void notAroundNotIsKept() {
            assertThat(parse("not not did a ever")).isEqualTo(not(not(did("a", ever()))));
            assertThat(parse("not did not a ever")).isEqualTo(not(not(did("a", ever()))));
        }
    }

    @Nested
    class WhereIsGreedy {
        @Test
        void anAndWithoutAWindowAddsAFilter() {
            assertThat(parse("did a where x = 1 and plan = \"pro\"")).isEqualTo(
                    did("a", ever(), filter("x", Op.EQ, number("1")), filter("plan", Op.EQ, text("pro"))));
        }

        @Test
        void aWindowOrCountEndsTheClause() {
            Condition expected = and(did("a", ever(), filter("x", Op.EQ, number("1"))),
                    profile(attribute("plan"), Op.EQ, text("pro")));
            assertThat(parse("did a where x = 1 ever and plan = \"pro\"")).isEqualTo(expected);
            assertThat(parse("did a where x = 1 once and plan = \"pro\"")).isEqualTo(
                    and(did("a", List.of(filter("x", Op.EQ, number("1"))), atLeast(1), ever()),
                            profile(attribute("plan"), Op.EQ, text("pro"))));
        }

        @Test
        void parenthesesEndTheClause() {
            assertThat(parse("(did a where x = 1) and plan = \"pro\"")).isEqualTo(
                    and(did("a", ever(), filter("x", Op.EQ, number("1"))), profile(attribute("plan"), Op.EQ, text("pro"))));
        }

        @Test
        void orEndsTheClause() {
            assertThat(parse("did a where x = 1 or plan = \"pro\"")).isEqualTo(
                    or(did("a", ever(), filter("x", Op.EQ, number("1"))), profile(attribute("plan"), Op.EQ, text("pro"))));
        }

        @Test
        void aNewConditionAfterAndEndsTheClause() {
            Condition a = did("a", ever(), filter("x", Op.EQ, number("1")));
            assertThat(parse("did a where x = 1 and did b ever")).isEqualTo(and(a, did("b", ever())));
            assertThat(parse("did a where x = 1 and not in segment \"s\"")).isEqualTo(and(a, not(inSegment("s"))));
            assertThat(parse("did a where x = 1 and in segment \"s\"")).isEqualTo(and(a, inSegment("s")));
            assertThat(parse("did a where x = 1 and (plan = \"pro\")")).isEqualTo(
                    and(a, profile(attribute("plan"), Op.EQ, text("pro"))));
        }

        @Test
        void countAndWindowComeInEitherOrder() {
            Condition expected = did("a", List.of(), atMost(2), lastDays(7));
            assertThat(parse("did a at most 2 times in last 7 days")).isEqualTo(expected);
            assertThat(parse("did a in last 7 days at most 2 times")).isEqualTo(expected);
        }
    }

    @Nested
    class Literals {
        @Test
        void keywordsAreCaseInsensitiveAndSpacingIsFree() {
            assertThat(parse("DID page_view\n  WHERE url = \"/x\"\n  IN LAST 30 DAYS\nAND NOT In Segment \"b\"")).isEqualTo(
                    and(did("page_view", lastDays(30), filter("url", Op.EQ, text("/x"))), not(inSegment("b"))));
        }

        @Test
        void values() {
            assertThat(parse("did a where s = 'it\\'s \"q\"' and n = -12.50 and t = TRUE and f = false ever")).isEqualTo(
                    did("a", ever(), filter("s", Op.EQ, text("it's \"q\"")), filter("n", Op.EQ, number("-12.50")),
                            filter("t", Op.EQ, bool(true)), filter("f", Op.EQ, bool(false))));
        }

        @Test
        void escapes() {
            assertThat(parse("x = \"a\\\\b\\n\\t\\u00e9\"")).isEqualTo(profile(attribute("x"), Op.EQ, text("a\\b\n\té")));
        }

        @Test
        void namesInBackticks() {
            assertThat(parse("did `Order Completed` where `cart value` > 10 ever")).isEqualTo(
                    did("Order Completed", ever(), filter("cart value", Op.GT, number("10"))));
        }

        @Test
        void attributesPrefixNamesAnAttributeEvenWhenItIsABuiltInName() {
            assertThat(parse("attributes.email = \"x\"")).isEqualTo(profile(attribute("email"), Op.EQ, text("x")));
            assertThat(parse("attributes.`first name` = \"Ada\"")).isEqualTo(profile(attribute("first name"), Op.EQ, text("Ada")));
            assertThat(parse("email = \"x\"")).isEqualTo(profile(builtIn("email"), Op.EQ, text("x")));
            assertThat(parse("segment = \"smb\"")).isEqualTo(profile(attribute("segment"), Op.EQ, text("smb")));
        }

        @Test
        void timeFieldsTakeWindowsAndTimes() {
            assertThat(parse("created_at between 2026-01-01T10:00:00Z and \"2026-01-02T10:00:00+01:00\"")).isEqualTo(
                    within(builtIn("created_at"), between("2026-01-01T10:00:00Z", "2026-01-02T09:00:00Z")));
            assertThat(parse("updated_at < \"2026-01-31\"")).isEqualTo(profile(builtIn("updated_at"), Op.LT, time("2026-01-31")));
            assertThat(parse("updated_at >= 2026-01-31T10:00:00Z")).isEqualTo(
                    profile(builtIn("updated_at"), Op.GE, time("2026-01-31T10:00:00Z")));
        }

        @Test
        void quotedDatesStayTextOutsideTimeFields() {
            assertThat(parse("signup_day = \"2026-01-31\"")).isEqualTo(profile(attribute("signup_day"), Op.EQ, text("2026-01-31")));
        }

        @Test
        void betweenWithDatesTakesTheWholeLastDay() {
            assertThat(parse("did a between 2026-01-31 and 2026-01-31")).isEqualTo(
                    did("a", between("2026-01-31", "2026-02-01")));
            assertThat(parse("did a between 2026-01-31 and 2026-02-01T00:00:00Z")).isEqualTo(
                    did("a", between("2026-01-31", "2026-02-01")));
        }

        @Test
        void everyUnit() {
            assertThat(parse("did a in last 1 minute")).isEqualTo(did("a", last(1, Window.TimeUnit.MINUTES)));
            assertThat(parse("did a in last 2 hours")).isEqualTo(did("a", last(2, Window.TimeUnit.HOURS)));
            assertThat(parse("did a in last 1 day")).isEqualTo(did("a", last(1, Window.TimeUnit.DAYS)));
            assertThat(parse("did a in last 3 weeks")).isEqualTo(did("a", last(3, Window.TimeUnit.WEEKS)));
        }

        @Test
        void everyOperator() {
            assertThat(parse("did a where p = 1 and p != 1 and p < 1 and p <= 1 and p > 1 and p >= 1 and p in (1, 2) "
                    + "and p not in (1) and p contains \"x\" and p starts with \"x\" and p is set and p is not set ever"))
                    .isEqualTo(did("a", ever(), filter("p", Op.EQ, number("1")), filter("p", Op.NE, number("1")),
                            filter("p", Op.LT, number("1")), filter("p", Op.LE, number("1")), filter("p", Op.GT, number("1")),
                            filter("p", Op.GE, number("1")), filter("p", Op.IN, number("1"), number("2")),
                            filter("p", Op.NOT_IN, number("1")), filter("p", Op.CONTAINS, text("x")),
                            filter("p", Op.STARTS_WITH, text("x")), filter("p", Op.IS_SET), filter("p", Op.IS_NOT_SET)));
        }
    }

    @Nested
    class Positions {
        @Test
        void nodesKnowWhereTheyWereWritten() {
            ParsedDefinition parsed = TextParser.parse("did page_view where url = \"/x\"\n  in last 30 days\nand plan = 1");
            Condition.And and = (Condition.And) parsed.condition();
            Condition.Did did = (Condition.Did) and.items().get(0);
            assertThat(parsed.positionOf(and)).isEqualTo(new Position(1, 1));
            assertThat(parsed.positionOf(did)).isEqualTo(new Position(1, 5));
            assertThat(parsed.positionOf(did.where().get(0))).isEqualTo(new Position(1, 21));
            assertThat(parsed.positionOf(did.where().get(0).values().get(0))).isEqualTo(new Position(1, 27));
            assertThat(parsed.positionOf(did.window())).isEqualTo(new Position(2, 3));
            assertThat(parsed.positionOf(did.count())).isNull();
            assertThat(parsed.positionOf(and.items().get(1))).isEqualTo(new Position(3, 5));
        }

        @Test
        void equalNodesHaveTheirOwnPositions() {
            ParsedDefinition parsed = TextParser.parse("in segment \"a\" or in segment \"a\"");
            Condition.Or or = (Condition.Or) parsed.condition();
            assertThat(parsed.positionOf(or.items().get(0))).isEqualTo(new Position(1, 12));
            assertThat(parsed.positionOf(or.items().get(1))).isEqualTo(new Position(1, 30));
        }
    }

    @Nested
    class Errors {
        @ParameterizedTest
        @CsvSource(delimiter = '|', quoteCharacter = '^', textBlock = """
                plan = "pro                                   | 1 | 8  | unterminated string
                did page_view where url = "/x" in last thirty days | 1 | 40 | expected a number after 'in last', found "thirty"
                did a in last days                            | 1 | 15 | expected a number after 'in last', found "days"
                did a in last 3 months                        | 1 | 17 | unknown time unit "months": use minutes, hours, days or weeks
                did a in last 3                               | 1 | 16 | expected a time unit (minutes, hours, days or weeks) after 'in last 3', found the end of the definition
                did a ever did b ever                         | 1 | 12 | unexpected "did" after a complete condition: join conditions with 'and' or 'or'
                did a ever)                                   | 1 | 11 | unexpected ")" after a complete condition
                (did a ever                                   | 1 | 12 | expected ')' to close the '(' at line 1, column 1, found the end of the definition
                ^^                                            | 1 | 1  | the definition is empty
                did                                           | 1 | 4  | expected an event name after 'did', found the end of the definition
                did a at least 2.5 times                      | 1 | 16 | expected a whole number after 'at least', found the number 2.5
                did a at least 2                              | 1 | 17 | expected 'times' after 'at least 2'
                did a at 2 times                              | 1 | 10 | expected 'least' or 'most' after 'at'
                did a ever in last 3 days                     | 1 | 12 | a did clause takes one window, and this is a second one
                did a once exactly 2 times                    | 1 | 12 | a did clause takes one count, and this is a second one
                did a between 2026-01-01 2026-01-31           | 1 | 26 | expected 'and' after 'between 2026-01-01'
                did a between yesterday and today             | 1 | 15 | expected a date (2026-01-31) or an ISO-8601 time with offset
                did a between 2026-02-30 and 2026-03-01       | 1 | 15 | invalid date "2026-02-30"
                plan = pro                                    | 1 | 8  | expected a value (text in quotes, a number, true, false or a date) after '=', found "pro": put text in quotes, as in "pro"
                plan in "pro"                                 | 1 | 9  | expected '(' and a list of values after 'in'
                plan in ("pro" "team")                        | 1 | 16 | expected ',' or ')' in the list of values
                plan ~ 1                                      | 1 | 6  | unexpected character "~"
                plan == 1                                     | 1 | 6  | unexpected "==": write = to compare
                plan 1                                        | 1 | 6  | expected an operator after attribute "plan" (=, !=, <, <=, >, >=, in, not in, contains, starts with, is set or is not set), found the number 1
                plan is empty                                 | 1 | 9  | expected 'set' or 'not set' after 'is'
                email contains 5                              | 1 | 16 | expected text in quotes after 'contains', found the number 5
                created_at > "last week"                      | 1 | 14 | expected a date (2026-01-31) or an ISO-8601 time with offset (2026-01-31T10:00:00Z), found the text "last week"
                did a where x in last 3 days                  | 1 | 15 | event properties take no window
                in "beta"                                     | 1 | 4  | expected 'segment' after 'in'
                did a in segment "b"                          | 1 | 7  | unexpected "in" after a complete condition: join conditions with 'and' or 'or'
                did a in 3 days                               | 1 | 10 | expected 'last' after 'in' (in last 30 days), found the number 3
                in segment beta                               | 1 | 12 | expected the segment's key in quotes after 'in segment'
                x = "a\\qb"                                   | 1 | 7  | unknown escape "\\q"
                `odd name` = 1                                | 1 | 1  | for an attribute, write attributes.`odd name`
                x = 1 and or y = 2                            | 1 | 11 | expected a condition (did ..., in segment ..., not ..., a profile field or '('), found "or"
                """)
        void sayWhereAndWhat(String text, int line, int column, String message) {
            assertThatThrownBy(() -> TextParser.parse(text))
                    .isInstanceOfSatisfying(DefinitionException.class, e -> {
                        assertThat(e.getMessage()).startsWith("line " + line + ", column " + column + ": ").contains(message);
                        assertThat(e.line()).isEqualTo(line);
                        assertThat(e.column()).isEqualTo(column);
                        assertThat(e.path()).isNull();
                    });
        }

        @Test
        void positionsCountLinesAndColumns() {
            assertThatThrownBy(() -> TextParser.parse("did page_view\r\n  where url = \"/x\n"))
                    .hasMessage("line 2, column 15: unterminated string: a string ends with \" on the same line "
                            + "(write \\n for a line break)");
            assertThatThrownBy(() -> TextParser.parse("did purchase\n  in last thirty days"))
                    .hasMessage("line 2, column 11: expected a number after 'in last', found \"thirty\"");
        }

        @Test
        void deepNestingIsRefused() {
            String deep = "(".repeat(TextParser.MAX_DEPTH + 1) + "x = 1" + ")".repeat(TextParser.MAX_DEPTH + 1);
            assertThatThrownBy(() -> TextParser.parse(deep)).hasMessageContaining("nested more than 100 levels deep");
        }
    }
}
