package dev.audience.common;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.OffsetDateTime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TimestampsTest {
    /** The hand-written fast path agrees with java.time on every shape it takes. */
    @ParameterizedTest
    @ValueSource(strings = {"2026-11-29T10:15:00Z", "2026-11-29T10:15:00.1Z", "2026-11-29T10:15:00.123456789Z",
            "2024-02-29T23:59:59+02:00", "1999-12-31T00:00:00-08:30", "2026-01-01T00:00:00.5+14:00",
            "2026-11-29T10:15Z", "2026-11-29T10:15:00+0200"})
    void agreesWithJavaTime(String text) {
        Instant expected;
        try {
            expected = OffsetDateTime.parse(text).toInstant();
        } catch (DateTimeException e) {
            assertThatThrownBy(() -> Timestamps.parse(text)).isInstanceOf(DateTimeException.class);
            return;
        }
        assertThat(Timestamps.parse(text)).isEqualTo(expected);
    }

    @ParameterizedTest
    @ValueSource(strings = {"2026-02-30T10:15:00Z", "2026-11-29T24:00:00Z", "2026-11-29T10:15:00", "yesterday",
            "2026-11-29 10:15:00Z", "2026-13-01T00:00:00Z", "2026-11-29T10:15:00.1234567890Z"})
    void refusesWhatIsNotAnInstantWithOffset(String text) {
        assertThatThrownBy(() -> Timestamps.parse(text)).isInstanceOf(DateTimeException.class);
    }

}
