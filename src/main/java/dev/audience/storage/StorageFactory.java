package dev.audience.storage;

import dev.audience.config.AudienceConfig;

/** Chooses the deployment from configuration: no database URL = embedded. */
public final class StorageFactory {
    private StorageFactory() {}

    public static Storage open(AudienceConfig config) {
        AudienceConfig.Database db = config.database();
        if (db.embedded()) return new EmbeddedStorage(config.dataDir());
        return new PostgresStorage(db.url().orElseThrow(), db.username(), db.password(), db.poolSize());
    }

    /**
     * The state database only, for commands that run beside a live server ({@code keys create}): the
     * embedded DuckDB event file admits one process, SQLite in WAL mode admits many.
     */
    public static StateDatabase openState(AudienceConfig config) {
        AudienceConfig.Database db = config.database();
        if (db.embedded()) return new SqliteStateDatabase(config.dataDir());
        return open(config);
    }
}
