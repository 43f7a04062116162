package dev.audience.http.api;

import dev.audience.event.IncomingEvent;
import dev.audience.http.HttpProblem;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class EventBatchReaderTest {

    private static IncomingEvent only(String properties, java.nio.charset.Charset charset, String prefix) {
        String body = prefix + "{\"events\":[{\"userId\":\"u1\",\"name\":\"page_view\",\"properties\":" + properties + "}]}";
        EventBatchReader.Batch b = EventBatchReader.read(body.getBytes(charset));
        assertThat(b.invalid()).isEmpty();
        return b.events().getFirst();
    }

    /** Whatever the client's spacing and escapes, the stored text is the compact form (the body's bytes when already compact). */
    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            {"url":"/pricing","n":12}                         | {"url":"/pricing","n":12}
            { "url" : "/a b", "n" : 12 }                      | {"url":"/a b","n":12}
            {"nested":{"a":[1, 2,{"b":null}]},"t":true}       | {"nested":{"a":[1,2,{"b":null}]},"t":true}
            {"q":"say \\"hi\\"","slash":"a\\/b"}              | {"q":"say \\"hi\\"","slash":"a/b"}
            {"e":"\\u00e9t\\u00e9","raw":"été ✓"}             | {"e":"été","raw":"été ✓"}
            {"amount":19.990000000000000001,"big":-1.5E300}   | {"amount":19.990000000000000001,"big":-1.5E300}
            {}                                                | {}
            """)
    void propertiesAreKeptAsCompactText(String sent, String stored) {
        IncomingEvent e = only(sent, StandardCharsets.UTF_8, "");
        assertThat(e.properties().json()).isEqualTo(stored);
        assertThat(only(sent, StandardCharsets.UTF_16, "").properties().json()).as("a UTF-16 body").isEqualTo(stored);
        assertThat(only(sent, StandardCharsets.UTF_8, "\uFEFF").properties().json()).as("after a byte order mark").isEqualTo(stored);
    }

    @Test
    void topLevelNamesAreNotedAndTheFieldsAroundPropertiesStillRead() {
        byte[] body = ("{\"events\":[{\"userId\":\"u1\",\"properties\":{\"a\":{\"x\":1},\"b\":[2]},\"name\":\"n\","
                + "\"timestamp\":\"2026-11-29T10:15:00Z\",\"messageId\":\"m\"}]}").getBytes(StandardCharsets.UTF_8);
        IncomingEvent e = EventBatchReader.read(body).events().getFirst();
        assertThat(e.properties().names()).containsExactly("a", "b");
        assertThat(e.properties().json()).isEqualTo("{\"a\":{\"x\":1},\"b\":[2]}");
        assertThat(e).extracting(IncomingEvent::name, IncomingEvent::timestamp, IncomingEvent::messageId)
                .containsExactly("n", Instant.parse("2026-11-29T10:15:00Z"), "m");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            {"n":1e400}
            {"n":{"deep":[-1E309]}}
            """)
    void numbersBeyondADoubleAreAnErrorForTheItem(String sent) {
        assertRefused(sent);
    }

    @Test
    void longIntegersAreCheckedToo() {
        assertRefused("{\"n\":1" + "0".repeat(309) + "}");
        String body = "{\"events\":[{\"userId\":\"u1\",\"name\":\"n\",\"properties\":{\"n\":1" + "0".repeat(307) + "}}]}";
        assertThat(EventBatchReader.read(body.getBytes(StandardCharsets.UTF_8)).invalid()).as("1e307 fits").isEmpty();
    }

    private static void assertRefused(String sent) {
        String body = "{\"events\":[{\"userId\":\"u1\",\"name\":\"n\",\"properties\":" + sent + "}]}";
        EventBatchReader.Batch b = EventBatchReader.read(body.getBytes(StandardCharsets.UTF_8));
        assertThat(b.invalid()).containsKey(0);
        assertThat(b.invalid().get(0).getFirst().field()).isEqualTo("properties");
    }

    /** A repeated name anywhere makes the body malformed, as it does for every other route. */
    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            {"events":[],"events":[]}
            {"events":[{"userId":"u","name":"n","name":"m"}]}
            {"events":[{"userId":"u","name":"n","colour":1,"colour":2}]}
            {"events":[{"userId":"u","name":"n","properties":{"a":1,"a":2}}]}
            {"events":[{"userId":"u","name":"n","properties":{"a":{"b":[{"c":1,"c":2}]}}}]}
            {"events":[{"userId":"u","name":"n","colour":{"b":1,"b":2}}]}
            {"events":[[{"b":1,"b":2}]]}
            {"events":[{"userId":{"b":1,"b":2},"name":"n"}]}
            {"events":[{"userId":"u","name":"n","properties":[{"b":1,"b":2}]}]}
            """)
    void aRepeatedNameAnywhereIsMalformed(String body) {
        assertThatThrownBy(() -> EventBatchReader.read(body.getBytes(StandardCharsets.UTF_8)))
                .isInstanceOfSatisfying(HttpProblem.class, e -> assertThat(e.problem().detail()).contains("Duplicate field"));
    }
}
