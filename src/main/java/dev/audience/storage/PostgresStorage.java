package dev.audience.storage;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;

import dev.audience.experiment.ExposureCounts;
import dev.audience.event.EventStore;

import dev.audience.segment.EventConditions;

import dev.audience.segment.sql.Dialect;
import dev.audience.storage.postgres.PostgresEventStore;
import org.flywaydb.core.Flyway;

import java.util.Optional;

/**
 * Cluster deployment: PostgreSQL for state and events. The two have separate migration histories
 * (flyway_schema_history and flyway_events_history) so the event store can later move to its own
 * server without untangling one history.
 */
public final class PostgresStorage implements Storage {
    private final HikariDataSource ds;
    private final Jdbc jdbc;
    private final StateStores stores;
    private final PostgresEventStore events;
    private final String url;

    public PostgresStorage(String url, Optional<String> username, Optional<String> password, int poolSize) {
        this.url = url;
        HikariConfig c = new HikariConfig();
        c.setPoolName("postgres");
        c.setJdbcUrl(url);
        username.ifPresent(c::setUsername);
        password.ifPresent(c::setPassword);
        c.setMaximumPoolSize(poolSize);
        this.ds = new HikariDataSource(c);
        try {
            Flyway.configure().dataSource(ds).locations("classpath:db/migration/postgres")
                    .baselineOnMigrate(true).baselineVersion("0").load().migrate();
            Flyway.configure().dataSource(ds).locations("classpath:db/migration/postgres-events")
                    .table("flyway_events_history").baselineOnMigrate(true).baselineVersion("0").load().migrate();
            this.jdbc = new Jdbc(ds);
            NamedQueries eventSql = NamedQueries.load("sql/postgres/events.sql");
            this.stores = StateStores.open(jdbc, Dialect.POSTGRES, eventSql);
            this.events = new PostgresEventStore(jdbc, eventSql);
        } catch (RuntimeException e) {
            ds.close();
            throw e;
        }
    }

    @Override
    public StateStores stateStores() {
        return stores;
    }

    @Override
    public EventStore events() {
        return events;
    }

    @Override
    public EventConditions eventConditions() {
        return events;
    }

    @Override
    public ExposureCounts exposureCounts() {
        return events;
    }

    @Override
    public boolean ready() {
        try {
            return jdbc.queryOne("SELECT 1", ps -> {}, rs -> rs.getInt(1)).orElse(0) == 1;
        } catch (RuntimeException e) {
            return false;
        }
    }

    @Override
    public String describe() {
        return "PostgreSQL (" + url.replaceAll("password=[^&]*", "password=***") + ")";
    }

    @Override
    public void close() {
        ds.close();
    }
}
