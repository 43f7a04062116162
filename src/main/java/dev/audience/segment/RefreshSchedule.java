package dev.audience.segment;

import com.cronutils.model.CronType;
import com.cronutils.model.definition.CronDefinitionBuilder;
import com.cronutils.model.time.ExecutionTime;
import com.cronutils.parser.CronParser;
import dev.audience.common.InvalidInputException;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** When a dynamic segment refreshes by itself: every fixed period, or on a UNIX cron expression (UTC). */
public sealed interface RefreshSchedule {
    Duration SHORTEST = Duration.ofMinutes(1);

    Instant nextAfter(Instant t);

    record Every(Duration period) implements RefreshSchedule {
        private static final Pattern TEXT = Pattern.compile("^(\\d{1,6})\\s*(m|min|minutes?|h|hours?|d|days?)$");

        public Every {
            if (period.compareTo(SHORTEST) < 0) {
                throw new InvalidInputException("refresh.every", "must be at least 1 minute");
            }
        }

        /** {@code 15m}, {@code 2h}, {@code 1d}. */
        public static Every parse(String text) {
            Matcher m = TEXT.matcher(text.trim().toLowerCase(java.util.Locale.ROOT));
            if (!m.matches()) {
                throw new InvalidInputException("refresh.every", "must be a number and a unit, like 15m, 2h or 1d");
            }
            long n = Long.parseLong(m.group(1));
            Duration d = switch (m.group(2).charAt(0)) {
                case 'm' -> Duration.ofMinutes(n);
                case 'h' -> Duration.ofHours(n);
                default -> Duration.ofDays(n);
            };
            return new Every(d);
        }

        public String text() {
            long s = period.toSeconds();
            if (s % 86_400 == 0) return s / 86_400 + "d";
            if (s % 3600 == 0) return s / 3600 + "h";
            return s / 60 + "m";
        }

        @Override
        public Instant nextAfter(Instant t) {
            return t.plus(period);
        }
    }

    record Cron(String expression) implements RefreshSchedule {
        private static final CronParser PARSER = new CronParser(CronDefinitionBuilder.instanceDefinitionFor(CronType.UNIX));

        public Cron {
            try {
                var cron = PARSER.parse(expression).validate();
                if (ExecutionTime.forCron(cron).nextExecution(ZonedDateTime.now(ZoneOffset.UTC)).isEmpty()) {
                    throw new InvalidInputException("refresh.cron", "never fires (\"" + expression + "\" matches no date)");
                }
            } catch (IllegalArgumentException e) {
                throw new InvalidInputException("refresh.cron",
                        "must be a cron expression of five fields (minute hour day-of-month month day-of-week): " + e.getMessage());
            }
        }

        @Override
        public Instant nextAfter(Instant t) {
            return ExecutionTime.forCron(PARSER.parse(expression)).nextExecution(ZonedDateTime.ofInstant(t, ZoneOffset.UTC))
                    .map(ZonedDateTime::toInstant)
                    .orElseThrow(() -> new IllegalStateException("cron " + expression + " never fires after " + t));
        }
    }
}
