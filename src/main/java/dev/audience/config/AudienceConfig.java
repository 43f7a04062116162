package dev.audience.config;

import java.nio.file.Path;
import java.util.Optional;

/** The whole validated configuration: defaults, then the file, then AUDIENCE_* variables, then CLI flags. */
public record AudienceConfig(Http http, Database database, Path dataDir, Optional<String> bootstrapKey,
                             Log log, Events events, Segments segments) {

    public record Http(String host, int port, long maxBodyBytes, long maxImportBytes) {}

    /** url empty = embedded (SQLite + DuckDB in dataDir); a jdbc:postgresql:// URL = PostgreSQL for both. */
    public record Database(Optional<String> url, Optional<String> username, Optional<String> password, int poolSize) {
        public boolean embedded() {
            return url.isEmpty();
        }
    }

    public record Log(String format, String level) {}

    public record Events(int userCacheSize, java.util.List<PromotedProperty> promotedProperties) {}

    /** An event property kept in a typed column from the start; type is string, number or boolean. */
    public record PromotedProperty(String property, String type) {}

    public record Segments(int historyVersions, int refreshCheckSeconds) {}
}
