package dev.audience.segment.lang;

import java.time.Instant;
import java.util.Objects;

/** When: all time, the last N units before the evaluation time, or a fixed range [from, to). */
public sealed interface Window {
    record Ever() implements Window {}

    record Last(long amount, TimeUnit unit) implements Window {
        public Last {
            Objects.requireNonNull(unit, "unit");
        }
    }

    /**
     * From {@code from} (inclusive) to {@code to} (exclusive). In text, {@code between 2026-01-01 and 2026-01-31}
     * includes the whole last day: the parser sets {@code to} to the start of the day after.
     */
    record Between(Instant from, Instant to) implements Window {
        public Between {
            Objects.requireNonNull(from, "from");
            Objects.requireNonNull(to, "to");
        }
    }

    enum TimeUnit {
        MINUTES(60), HOURS(3600), DAYS(86_400), WEEKS(604_800);

        private final long seconds;

        TimeUnit(long seconds) {
            this.seconds = seconds;
        }

        public long seconds() {
            return seconds;
        }
    }
}
