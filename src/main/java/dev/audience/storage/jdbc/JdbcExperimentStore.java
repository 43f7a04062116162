package dev.audience.storage.jdbc;

import com.fasterxml.jackson.core.type.TypeReference;
import dev.audience.experiment.Experiment;
import dev.audience.experiment.ExperimentStatus;
import dev.audience.experiment.ExperimentStore;
import dev.audience.experiment.Flag;
import dev.audience.experiment.Targeting;
import dev.audience.experiment.Variant;
import dev.audience.storage.Jdbc;
import dev.audience.storage.JsonColumns;
import dev.audience.storage.NamedQueries;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Experiments and flags over JDBC, for SQLite and PostgreSQL alike; lists are JSON text. */
public final class JdbcExperimentStore implements ExperimentStore {
    private static final TypeReference<List<Variant>> VARIANTS = new TypeReference<>() {};
    private static final TypeReference<List<String>> KEYS = new TypeReference<>() {};

    private final Jdbc jdbc;
    private final NamedQueries sql;

    public JdbcExperimentStore(Jdbc jdbc, NamedQueries sql) {
        this.jdbc = jdbc;
        this.sql = sql;
    }

    @Override
    public boolean insert(Experiment e) {
        return jdbc.update(sql.get("insert-experiment"), ps -> {
            ps.setString(1, e.key());
            ps.setString(2, e.name());
            ps.setString(3, JsonColumns.write(e.variants()));
            ps.setString(4, JsonColumns.write(e.targeting().segments()));
            ps.setString(5, JsonColumns.write(e.targeting().excludeSegments()));
            ps.setInt(6, e.targeting().percentBasisPoints());
            ps.setString(7, e.status().wireName());
            ps.setString(8, e.salt());
            ps.setLong(9, e.createdAt().toEpochMilli());
            ps.setLong(10, e.updatedAt().toEpochMilli());
            Jdbc.setMillis(ps, 11, e.startedAt());
            Jdbc.setMillis(ps, 12, e.stoppedAt());
        }) == 1;
    }

    @Override
    public void update(Experiment e) {
        jdbc.update(sql.get("update-experiment"), ps -> {
            ps.setString(1, e.name());
            ps.setString(2, JsonColumns.write(e.variants()));
            ps.setString(3, JsonColumns.write(e.targeting().segments()));
            ps.setString(4, JsonColumns.write(e.targeting().excludeSegments()));
            ps.setInt(5, e.targeting().percentBasisPoints());
            ps.setString(6, e.status().wireName());
            ps.setLong(7, e.updatedAt().toEpochMilli());
            Jdbc.setMillis(ps, 8, e.startedAt());
            Jdbc.setMillis(ps, 9, e.stoppedAt());
            ps.setString(10, e.key());
        });
    }

    @Override
    public Optional<Experiment> findExperiment(String key) {
        return jdbc.queryOne(sql.get("find-experiment"), ps -> ps.setString(1, key), JdbcExperimentStore::experiment);
    }

    @Override
    public List<Experiment> experiments() {
        return jdbc.query(sql.get("experiments"), ps -> {}, JdbcExperimentStore::experiment);
    }

    @Override
    public void deleteExperiment(String key) {
        jdbc.update(sql.get("delete-experiment"), ps -> ps.setString(1, key));
    }

    @Override
    public boolean insert(Flag f) {
        return jdbc.update(sql.get("insert-flag"), ps -> {
            ps.setString(1, f.key());
            ps.setString(2, f.name());
            ps.setBoolean(3, f.enabled());
            ps.setString(4, JsonColumns.write(f.targeting().segments()));
            ps.setString(5, JsonColumns.write(f.targeting().excludeSegments()));
            ps.setInt(6, f.targeting().percentBasisPoints());
            ps.setString(7, f.salt());
            ps.setLong(8, f.createdAt().toEpochMilli());
            ps.setLong(9, f.updatedAt().toEpochMilli());
        }) == 1;
    }

    @Override
    public void update(Flag f) {
        jdbc.update(sql.get("update-flag"), ps -> {
            ps.setString(1, f.name());
            ps.setBoolean(2, f.enabled());
            ps.setString(3, JsonColumns.write(f.targeting().segments()));
            ps.setString(4, JsonColumns.write(f.targeting().excludeSegments()));
            ps.setInt(5, f.targeting().percentBasisPoints());
            ps.setLong(6, f.updatedAt().toEpochMilli());
            ps.setString(7, f.key());
        });
    }

    @Override
    public Optional<Flag> findFlag(String key) {
        return jdbc.queryOne(sql.get("find-flag"), ps -> ps.setString(1, key), JdbcExperimentStore::flag);
    }

    @Override
    public List<Flag> flags() {
        return jdbc.query(sql.get("flags"), ps -> {}, JdbcExperimentStore::flag);
    }

    @Override
    public void deleteFlag(String key) {
        jdbc.update(sql.get("delete-flag"), ps -> ps.setString(1, key));
    }

    private static Experiment experiment(ResultSet rs) throws SQLException {
        return new Experiment(rs.getString("key"), rs.getString("name"), JsonColumns.read(rs.getString("variants"), VARIANTS),
                targeting(rs), ExperimentStatus.fromWire(rs.getString("status")), rs.getString("salt"),
                Instant.ofEpochMilli(rs.getLong("created_at")), Instant.ofEpochMilli(rs.getLong("updated_at")),
                Jdbc.millis(rs, "started_at"), Jdbc.millis(rs, "stopped_at"));
    }

    private static Flag flag(ResultSet rs) throws SQLException {
        return new Flag(rs.getString("key"), rs.getString("name"), rs.getBoolean("enabled"), targeting(rs),
                rs.getString("salt"), Instant.ofEpochMilli(rs.getLong("created_at")),
                Instant.ofEpochMilli(rs.getLong("updated_at")));
    }

    private static Targeting targeting(ResultSet rs) throws SQLException {
        return new Targeting(JsonColumns.read(rs.getString("segments"), KEYS), JsonColumns.read(rs.getString("exclude_segments"), KEYS),
                rs.getInt("percent_bp"));
    }
}
