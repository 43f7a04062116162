package dev.audience.segment.lang;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.FieldSource;

import java.util.List;
import java.util.Map;
import java.util.Set;

import static dev.audience.segment.lang.Trees.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CheckerTest {
    /** beta and newsletter stand alone; vip reads beta; a reads b, b reads c, c reads nothing. */
    private static final SegmentReferences SAVED = SegmentReferences.of(Map.of(
            "beta", Set.of(), "newsletter", Set.of(), "churned", Set.of(), "vip", Set.of("beta"),
            "a", Set.of("b"), "b", Set.of("c"), "c", Set.of()));

    private static void checkText(String text, String selfKey) {
        Checker.check(TextParser.parse(text), selfKey, SAVED);
    }

    static final List<String> valid = List.of(
            "did page_view where url = \"/pricing\" in last 30 days and not did purchase ever",
            "did purchase where amount >= 100 and currency in (\"EUR\", \"USD\") at least 2 times in last 90 days",
            "email_status = \"subscribed\" and plan in (\"pro\", \"team\") and created_at in last 7 days",
            "in segment \"beta\" or (did app_open exactly 3 times between 2026-01-01 and 2026-01-31)",
            "did not signup ever and country != \"FR\"",
            "did page_view where referrer is set and url starts with \"/blog\"",
            "not not in segment \"beta\"",
            "did $identify at most 0 times in last 3650 days and did a exactly 1000000 times in last 520 weeks",
            "created_at < 2026-01-01 and updated_at between 2026-01-01 and 2026-01-01",
            "email is set and locale starts with \"fr\" and timezone in (\"UTC\") and user_id != \"u-1\"",
            "vip = true and score >= -1.5 and tags contains \"x\" and attributes.email is not set",
            "in segment \"vip\" and in segment \"a\"");

    @ParameterizedTest
    @FieldSource("valid")
    void acceptsSoundDefinitions(String text) {
        assertThatCode(() -> checkText(text, "mine")).doesNotThrowAnyException();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', quoteCharacter = '^', textBlock = """
            did a in last 0 days                                  | 1 | 7  | 'in last 0 days' is an empty window: use 1 or more
            did a in last 3651 days                               | 1 | 7  | 'in last 3651 days' is longer than the longest window, 3650 days (about 10 years)
            did a in last 522 weeks                               | 1 | 7  | 'in last 522 weeks' is longer than the longest window
            did a between 2026-02-01 and 2026-01-01               | 1 | 7  | impossible window: 'between 2026-02-01 and 2026-01-01' ends before it starts
            did a between 2026-01-01T10:00:00Z and 2026-01-01T10:00:00Z | 1 | 7 | impossible window: 'between 2026-01-01T10:00:00Z and 2026-01-01T10:00:00Z' is empty
            created_at between 2026-02-01 and 2026-01-01          | 1 | 12 | impossible window
            did a at least 0 times ever                           | 1 | 7  | 'at least 0 times' is always true (everyone did it at least 0 times): use at least 1, or 'did not' for people who never did it
            did a at most -1 times ever                           | 1 | 7  | 'at most -1 times': a count cannot be negative
            did a exactly 1000001 times ever                      | 1 | 7  | is more than the largest count, 1,000,000
            did 1abc ever                                         | 1 | 5  | expected an event name
            did `page view` ever                                  | 1 | 5  | event name "page view" is not valid: event names start with a letter or '$' and have at most 128 letters, digits, '_', '.', ':' or '-'
            did a where `` = 1 ever                               | 1 | 13 | empty name
            did purchase where amount >= "100" ever               | 1 | 30 | property "amount" of purchase: '>=' compares numbers, found the text "100" (write 100 without quotes to compare numbers)
            did purchase where amount < true ever                 | 1 | 29 | property "amount" of purchase: '<' compares numbers, found the value true
            did a where p in (1, "x") ever                        | 1 | 22 | property "p" of a: the values of 'in' must all be of one type, found a number and text
            did a where day = 2026-01-01 ever                     | 1 | 19 | property "day" of a: a date or time compares only with created_at or updated_at; to compare text, put it in quotes, as in "2026-01-01"
            plan > "pro"                                          | 1 | 8  | attribute "plan": '>' compares numbers, found the text "pro"
            plan in last 7 days                                   | 1 | 1  | attribute "plan": 'in last' and 'between' apply to created_at and updated_at only
            email_status = "subscribd"                            | 1 | 16 | email_status is one of subscribed, unsubscribed, bounced, complained; found the text "subscribd"
            email_status contains "sub"                           | 1 | 1  | email_status takes =, !=, in or not in, not 'contains'
            created_at = 2026-01-01                               | 1 | 1  | created_at takes 'in last', 'between', or <, <=, >, >= with a date or time, not '='
            updated_at > 5                                        | 1 | 14 | updated_at: '>' compares with a date (2026-01-31) or an ISO-8601 time with offset (2026-01-31T10:00:00Z), found the number 5
            email < 5                                             | 1 | 1  | email takes =, !=, in, not in, contains, starts with, is set or is not set, not '<'
            user_id = 42                                          | 1 | 11 | user_id compares with text in quotes, found the number 42
            did a ever and\\n  in segment "nope"                   | 2 | 14 | unknown segment "nope"
            in segment "mine"                                     | 1 | 12 | a segment cannot contain itself: mine → mine
            in segment ""                                         | 1 | 12 | 'in segment' needs a segment key
            """)
    void pointsAtTheProblem(String text, int line, int column, String message) {
        assertThatThrownBy(() -> checkText(text.replace("\\n", "\n"), "mine"))
                .isInstanceOfSatisfying(DefinitionException.class, e -> {
                    assertThat(e.getMessage()).startsWith("line " + line + ", column " + column + ": ").contains(message);
                    assertThat(e.line()).isEqualTo(line);
                    assertThat(e.column()).isEqualTo(column);
                });
    }

    @Test
    void refusesACycleAndNamesIt() {
        assertThatThrownBy(() -> checkText("did x ever or in segment \"a\"", "c"))
                .hasMessage("line 1, column 26: in segment \"a\" would make a cycle: c → a → b → c");
        assertThatThrownBy(() -> checkText("in segment \"b\"", "b"))
                .hasMessage("line 1, column 12: a segment cannot contain itself: b → b");
        assertThatCode(() -> checkText("in segment \"a\"", "vip")).doesNotThrowAnyException();
        assertThatCode(() -> checkText("in segment \"a\"", null)).doesNotThrowAnyException();
    }

    @Test
    void survivesACycleAmongSavedSegments() {
        SegmentReferences loop = SegmentReferences.of(Map.of("x", Set.of("y"), "y", Set.of("x")));
        assertThatCode(() -> Checker.check(TextParser.parse("in segment \"x\""), "new", loop)).doesNotThrowAnyException();
    }

    @Test
    void withoutPositionsTheMessageNamesTheSubject() {
        Condition fromJson = JsonForm.read(Map.of("and", List.of(Map.of("inSegment", "beta"),
                Map.of("did", Map.of("event", "purchase", "where", List.of(Map.of("property", "amount", "op", ">", "value", "ten")),
                        "window", Map.of("last", 0, "unit", "days"))))));
        assertThatThrownBy(() -> Checker.check(fromJson, Map.of(), null, SAVED))
                .isInstanceOfSatisfying(DefinitionException.class, e -> {
                    assertThat(e.getMessage()).isEqualTo("property \"amount\" of purchase: '>' compares numbers, found the text \"ten\"");
                    assertThat(e.path()).isEmpty();
                    assertThat(e.line()).isZero();
                });
    }

    @Test
    void checksTreesBuiltInCode() {
        Condition noValue = new Condition.ProfileMatch(attribute("plan"), Op.EQ, List.of(), null);
        assertThatThrownBy(() -> Checker.check(noValue, Map.of(), null, SAVED))
                .hasMessage("attribute \"plan\": '=' takes exactly one value, found 0");
        Condition valueForIsSet = did("a", ever(), filter("p", Op.IS_SET, text("x")));
        assertThatThrownBy(() -> Checker.check(valueForIsSet, Map.of(), null, SAVED))
                .hasMessage("property \"p\" of a: 'is set' takes no value");
        Condition everOnATimeField = within(builtIn("created_at"), ever());
        assertThatThrownBy(() -> Checker.check(everOnATimeField, Map.of(), null, SAVED))
                .hasMessage("created_at takes 'in last N days' or 'between DATE and DATE', not 'ever'");
        Condition longName = profile(attribute("x".repeat(129)), Op.IS_SET);
        assertThatThrownBy(() -> Checker.check(longName, Map.of(), null, SAVED))
                .hasMessageStartingWith("attribute names are 1 to 128 printable characters");
        Condition longProperty = did("a", ever(), filter("p".repeat(129), Op.IS_SET));
        assertThatThrownBy(() -> Checker.check(longProperty, Map.of(), null, SAVED))
                .hasMessageStartingWith("property names are 1 to 128 printable characters");
        Condition longEvent = did("e".repeat(129), ever());
        assertThatThrownBy(() -> Checker.check(longEvent, Map.of(), null, SAVED))
                .hasMessageStartingWith("event name \"eee");
    }

    @Test
    void theFirstProblemInReadingOrderWins() {
        assertThatThrownBy(() -> checkText("plan > \"a\" and did a in last 0 days", null))
                .hasMessageStartingWith("line 1, column 8:");
    }
}
