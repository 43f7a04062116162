package dev.audience.segment.lang;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Objects;

/** A literal in a definition. */
public sealed interface Value {
    record Text(String value) implements Value {
        public Text {
            Objects.requireNonNull(value, "value");
        }
    }

    record Number(BigDecimal value) implements Value {
        public Number {
            Objects.requireNonNull(value, "value");
        }
    }

    record Bool(boolean value) implements Value {}

    /** A date ({@code 2026-01-31}, midnight UTC) or an ISO-8601 time with offset. */
    record Time(Instant value) implements Value {
        public Time {
            Objects.requireNonNull(value, "value");
        }
    }
}
