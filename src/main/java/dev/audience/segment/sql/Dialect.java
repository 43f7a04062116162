package dev.audience.segment.sql;

import java.time.Instant;

/**
 * What differs between the databases segment conditions run on: how JSON members are read, how a time
 * is bound, and null-safe inequality. Everything else in the compiled SQL is common.
 */
public enum Dialect {
    /** Embedded event store: events.ts is TIMESTAMP (UTC), properties is JSON. */
    DUCKDB,
    /** Cluster event store and state store: events.ts is TIMESTAMPTZ, JSONB columns. */
    POSTGRES,
    /** Embedded state store: attributes is JSON text, times are epoch milliseconds. */
    SQLITE;

    /** SQL for a JSON path parameter of one top-level member, e.g. {@code $."url"}. */
    static String jsonPath(String member) {
        return "$.\"" + member.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }

    /** A placeholder for an event time, and the value to bind to it. */
    String eventTimePlaceholder() {
        return switch (this) {
            case DUCKDB -> "make_timestamp(CAST(? AS BIGINT))";
            case POSTGRES -> "CAST(? AS timestamptz)";
            case SQLITE -> throw new IllegalStateException("SQLite holds no events");
        };
    }

    /** The value to bind to {@link #eventTimePlaceholder()}: microseconds since 1970 for DuckDB, ISO text for PostgreSQL. */
    public Object eventTimeParam(Instant t) {
        return this == DUCKDB ? t.getEpochSecond() * 1_000_000L + t.getNano() / 1_000 : t.toString();
    }

    String distinctFrom(String left) {
        return this == SQLITE ? left + " IS NOT ?" : left + " IS DISTINCT FROM ?";
    }
}
