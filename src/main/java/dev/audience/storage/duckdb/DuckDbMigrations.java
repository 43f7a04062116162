package dev.audience.storage.duckdb;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

/**
 * Versioned schema for the DuckDB event store: the scripts named in db/migration/duckdb/migrations.txt,
 * each applied once, in order, in its own transaction, and recorded in schema_version. (Flyway supports
 * DuckDB only through a community module; this is the twenty lines we need.)
 */
public final class DuckDbMigrations {
    private static final String DIR = "db/migration/duckdb/";

    private DuckDbMigrations() {}

    public static void migrate(Connection c) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.execute("CREATE TABLE IF NOT EXISTS schema_version (version INTEGER PRIMARY KEY, script VARCHAR NOT NULL, "
                    + "applied_at TIMESTAMP NOT NULL DEFAULT current_timestamp)");
        }
        int applied;
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT coalesce(max(version), 0) FROM schema_version")) {
            rs.next();
            applied = rs.getInt(1);
        }
        List<String> scripts = read(DIR + "migrations.txt").lines().map(String::strip)
                .filter(l -> !l.isEmpty() && !l.startsWith("#")).toList();
        for (int i = 0; i < scripts.size(); i++) {
            int version = i + 1;
            if (!scripts.get(i).startsWith("V" + version + "__")) {
                throw new IllegalStateException("DuckDB migration " + scripts.get(i) + " is listed as number " + version);
            }
            if (version <= applied) continue;
            boolean auto = c.getAutoCommit();
            c.setAutoCommit(false);
            try (Statement s = c.createStatement()) {
                s.execute(read(DIR + scripts.get(i)));
                try (PreparedStatement ps = c.prepareStatement("INSERT INTO schema_version (version, script) VALUES (?, ?)")) {
                    ps.setInt(1, version);
                    ps.setString(2, scripts.get(i));
                    ps.executeUpdate();
                }
                c.commit();
            } catch (SQLException e) {
                c.rollback();
                throw new SQLException("DuckDB migration " + scripts.get(i) + " failed: " + e.getMessage(), e);
            } finally {
                c.setAutoCommit(auto);
            }
        }
    }

    private static String read(String resource) {
        try (InputStream in = DuckDbMigrations.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) throw new IllegalStateException("missing resource " + resource);
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException("cannot read " + resource, e);
        }
    }
}
