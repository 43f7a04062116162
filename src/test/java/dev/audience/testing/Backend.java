package dev.audience.testing;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The two deployments every storage-touching test runs against. PostgreSQL is a real server, started
 * once per test JVM from Maven Central's binaries; each test class gets a database of its own.
 */
public enum Backend {
    EMBEDDED, POSTGRES;

    private static EmbeddedPostgres postgres;
    private static final AtomicInteger DATABASES = new AtomicInteger();

    /** Configuration keys that point a server at a fresh, empty store of this kind. */
    public Map<String, String> settings(Path dataDir) {
        Map<String, String> m = new HashMap<>();
        m.put("data.dir", dataDir.toString());
        if (this == POSTGRES) m.put("database.url", freshDatabase());
        return m;
    }

    private static synchronized String freshDatabase() {
        try {
            if (postgres == null) {
                // Tests never crash the database server itself, so commits need not wait for the disk.
                postgres = EmbeddedPostgres.builder().setServerConfig("synchronous_commit", "off").start();
                Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                    try {
                        postgres.close();
                    } catch (IOException ignored) {
                        // the JVM is going away
                    }
                }));
            }
            String name = "audience_test_" + DATABASES.incrementAndGet();
            try (Connection c = postgres.getPostgresDatabase().getConnection(); Statement s = c.createStatement()) {
                s.execute("CREATE DATABASE " + name);
            }
            return postgres.getJdbcUrl("postgres", name);
        } catch (IOException e) {
            throw new UncheckedIOException("embedded PostgreSQL did not start", e);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot create a test database", e);
        }
    }
}
