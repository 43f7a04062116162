package dev.audience.storage;

import dev.audience.experiment.ExposureCounts;
import dev.audience.segment.sql.Dialect;

import java.time.Instant;

/**
 * The event stores' {@code experiment-results} query (in each one's events.sql): its parameters, bound the
 * same way in DuckDB and PostgreSQL, and its rows.
 */
public final class ExposureQuery {
    public static final Jdbc.RowMapper<ExposureCounts.Row> ROWS = rs -> new ExposureCounts.Row(rs.getString(1),
            rs.getLong(2), rs.getLong(3), rs.getLong(4));

    private ExposureQuery() {
    }

    /** The experiment's key, the time exposures count from, the goal event (and that time again, for conversions). */
    public static Jdbc.Binder parameters(Dialect dialect, String experimentKey, Instant since, String goalEvent) {
        return ps -> {
            ps.setString(1, experimentKey);
            ps.setObject(2, dialect.eventTimeParam(since));
            Jdbc.setText(ps, 3, goalEvent);
            ps.setObject(4, dialect.eventTimeParam(since));
        };
    }
}
