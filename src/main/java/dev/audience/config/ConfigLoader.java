package dev.audience.config;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;

/**
 * Loads configuration from a properties file and AUDIENCE_* environment variables.
 * A key {@code http.port} is overridden by the variable {@code AUDIENCE_HTTP_PORT}.
 * Unknown keys in the file are errors (they are typos); every value is checked here, at start.
 */
public final class ConfigLoader {
    /** Every key the server knows, with its default ("" = none). */
    static final Map<String, String> DEFAULTS = new LinkedHashMap<>();

    static {
        DEFAULTS.put("http.host", "127.0.0.1");
        DEFAULTS.put("http.port", "8080");
        DEFAULTS.put("http.max_body_bytes", String.valueOf(16L * 1024 * 1024));
        DEFAULTS.put("data.dir", "data");
        DEFAULTS.put("database.url", "");
        DEFAULTS.put("database.username", "");
        DEFAULTS.put("database.password", "");
        DEFAULTS.put("database.pool_size", "8");
        DEFAULTS.put("bootstrap.key", "");
        DEFAULTS.put("log.format", "text");
        DEFAULTS.put("log.level", "info");
        DEFAULTS.put("events.user_cache_size", "1000000");
        DEFAULTS.put("events.promoted_properties", "");
        DEFAULTS.put("http.max_import_bytes", String.valueOf(256L * 1024 * 1024));
        DEFAULTS.put("segments.history_versions", "100");
        DEFAULTS.put("segments.refresh_check_seconds", "10");
        DEFAULTS.put("http.public_url", "");
        DEFAULTS.put("smtp.host", "localhost");
        DEFAULTS.put("smtp.port", "25");
        DEFAULTS.put("smtp.tls", "none");
        DEFAULTS.put("smtp.username", "");
        DEFAULTS.put("smtp.password", "");
        DEFAULTS.put("smtp.connections", "4");
        DEFAULTS.put("smtp.rate", "0");
        DEFAULTS.put("smtp.max_attempts", "5");
        DEFAULTS.put("smtp.timeout_seconds", "30");
        DEFAULTS.put("email.unsubscribe_mailto", "");
        DEFAULTS.put("campaigns.check_seconds", "1");
        DEFAULTS.put("cluster.lease_seconds", "30");
        DEFAULTS.put("apns.key_file", "");
        DEFAULTS.put("apns.key_id", "");
        DEFAULTS.put("apns.team_id", "");
        DEFAULTS.put("apns.topic", "");
        DEFAULTS.put("apns.server", "production");
        DEFAULTS.put("apns.trust_file", "");
        DEFAULTS.put("apns.connections", "2");
        DEFAULTS.put("fcm.credentials_file", "");
        DEFAULTS.put("fcm.endpoint", "https://fcm.googleapis.com");
    }

    private final Map<String, String> env;

    public ConfigLoader(Map<String, String> env) {
        this.env = env;
    }

    /** Known keys, for documentation and error messages. */
    public static Set<String> keys() {
        return DEFAULTS.keySet();
    }

    public static String envName(String key) {
        return "AUDIENCE_" + key.toUpperCase(Locale.ROOT).replace('.', '_');
    }

    public AudienceConfig load(Optional<Path> file, Map<String, String> overrides) {
        return load(file, Map.of(), overrides);
    }

    /**
     * @param file      optional properties file
     * @param defaults  defaults of the command (e.g. demo's own data directory), below everything else
     * @param overrides values from CLI flags (highest precedence), by key
     */
    public AudienceConfig load(Optional<Path> file, Map<String, String> defaults, Map<String, String> overrides) {
        Map<String, Value> values = new LinkedHashMap<>();
        DEFAULTS.forEach((k, v) -> values.put(k, new Value(defaults.getOrDefault(k, v), "default")));
        file.ifPresent(f -> readFile(f, values));
        for (String key : DEFAULTS.keySet()) {
            String name = envName(key);
            String v = env.get(name);
            if (v != null) values.put(key, new Value(v.trim(), "environment variable " + name));
        }
        overrides.forEach((k, v) -> {
            if (!DEFAULTS.containsKey(k)) throw new IllegalArgumentException("unknown override " + k);
            if (v != null) values.put(k, new Value(v, "command line"));
        });
        return build(new Reading(values));
    }

    private static void readFile(Path f, Map<String, Value> values) {
        Properties p = new Properties();
        try (Reader r = Files.newBufferedReader(f)) {
            p.load(r);
        } catch (IOException e) {
            throw new ConfigException("cannot read configuration file " + f + ": " + e.getMessage());
        }
        Set<String> unknown = new TreeSet<>(p.stringPropertyNames());
        unknown.removeAll(DEFAULTS.keySet());
        if (!unknown.isEmpty()) {
            throw new ConfigException("unknown key '" + unknown.iterator().next() + "' in " + f
                    + "; known keys: " + String.join(", ", DEFAULTS.keySet()));
        }
        for (String k : p.stringPropertyNames()) values.put(k, new Value(p.getProperty(k).trim(), f.toString()));
    }

    private static AudienceConfig build(Reading r) {
        String host = r.text("http.host");
        if (!ListenAddress.valid(host)) {
            r.fail("http.host", "must be an address or host name to listen on, such as 127.0.0.1, 0.0.0.0, :: or localhost");
        }
        var http = new AudienceConfig.Http(host, r.integer("http.port", 0, 65535),
                r.longValue("http.max_body_bytes", 1024, 1L << 30), r.longValue("http.max_import_bytes", 1024, 1L << 40));
        Optional<String> url = r.optional("database.url");
        url.ifPresent(u -> {
            if (!u.startsWith("jdbc:postgresql://")) {
                r.fail("database.url", "must be empty (embedded store) or a jdbc:postgresql:// URL");
            }
        });
        var db = new AudienceConfig.Database(url, r.optional("database.username"), r.optional("database.password"),
                r.integer("database.pool_size", 1, 200));
        Optional<String> bootstrap = r.optional("bootstrap.key");
        bootstrap.ifPresent(k -> {
            if (k.length() < 24) r.fail("bootstrap.key", "must be at least 24 characters long");
        });
        var log = new AudienceConfig.Log(r.oneOf("log.format", "text", "json"),
                r.oneOf("log.level", "trace", "debug", "info", "warn", "error"));
        var events = new AudienceConfig.Events(r.integer("events.user_cache_size", 1000, 100_000_000),
                promotedProperties(r));
        var segments = new AudienceConfig.Segments(r.integer("segments.history_versions", 1, 100_000),
                r.integer("segments.refresh_check_seconds", 1, 3600));
        Optional<String> publicUrl = r.optional("http.public_url");
        publicUrl.ifPresent(u -> {
            if (!u.startsWith("http://") && !u.startsWith("https://")) {
                r.fail("http.public_url", "must start with http:// or https:// (links in emails point there)");
            }
        });
        var smtp = new AudienceConfig.Smtp(r.text("smtp.host"), r.integer("smtp.port", 1, 65535),
                r.oneOf("smtp.tls", "none", "starttls", "tls"), r.optional("smtp.username"), r.optional("smtp.password"),
                r.integer("smtp.connections", 1, 256), r.decimal("smtp.rate", 0, 1_000_000),
                r.integer("smtp.max_attempts", 1, 100), r.integer("smtp.timeout_seconds", 1, 3600),
                r.optional("email.unsubscribe_mailto"));
        var campaigns = new AudienceConfig.Campaigns(r.integer("campaigns.check_seconds", 1, 3600),
                r.integer("cluster.lease_seconds", 3, 3600));
        return new AudienceConfig(http, db, Path.of(r.text("data.dir")), bootstrap, log, events, segments,
                publicUrl.map(u -> u.replaceAll("/+$", "")), smtp, campaigns, PushKeys.read(r));
    }

    /** {@code url:string, amount:number, paid:boolean}: event properties to keep in typed columns from the start. */
    private static java.util.List<AudienceConfig.PromotedProperty> promotedProperties(Reading r) {
        java.util.List<AudienceConfig.PromotedProperty> out = new java.util.ArrayList<>();
        for (String item : r.optional("events.promoted_properties").map(v -> v.split(",")).orElse(new String[0])) {
            String[] parts = item.trim().split(":");
            String type = parts.length == 2 ? parts[1].trim().toLowerCase(Locale.ROOT) : "";
            if (parts.length != 2 || parts[0].isBlank() || !java.util.Set.of("string", "number", "boolean").contains(type)) {
                r.fail("events.promoted_properties", "must be a comma-separated list of property:type, type one of "
                        + "string, number, boolean (\"" + item.trim() + "\" is not)");
            }
            out.add(new AudienceConfig.PromotedProperty(parts[0].trim(), type));
        }
        return out;
    }

    record Value(String text, String source) {}

    record Reading(Map<String, Value> values) {
        String text(String key) {
            String t = values.get(key).text();
            if (t.isEmpty()) fail(key, "must not be empty");
            return t;
        }

        Optional<String> optional(String key) {
            String t = values.get(key).text();
            return t.isEmpty() ? Optional.empty() : Optional.of(t);
        }

        int integer(String key, int min, int max) {
            return (int) longValue(key, min, max);
        }

        long longValue(String key, long min, long max) {
            String t = text(key);
            long v;
            try {
                v = Long.parseLong(t.replace("_", ""));
            } catch (NumberFormatException e) {
                throw failure(key, "must be a whole number between " + min + " and " + max);
            }
            if (v < min || v > max) fail(key, "must be a whole number between " + min + " and " + max);
            return v;
        }

        double decimal(String key, double min, double max) {
            String t = text(key);
            double v;
            try {
                v = Double.parseDouble(t);
            } catch (NumberFormatException e) {
                throw failure(key, "must be a number between " + min + " and " + max);
            }
            if (v < min || v > max || Double.isNaN(v)) fail(key, "must be a number between " + min + " and " + max);
            return v;
        }

        String oneOf(String key, String... allowed) {
            String t = text(key).toLowerCase(Locale.ROOT);
            for (String a : allowed) if (a.equals(t)) return t;
            throw failure(key, "must be one of " + String.join(", ", allowed));
        }

        void fail(String key, String rule) {
            throw failure(key, rule);
        }

        ConfigException failure(String key, String rule) {
            Value v = values.get(key);
            String shown = key.contains("password") || key.endsWith(".key") ? "(hidden)"
                    : "\"" + v.text().replaceAll("//[^/@]*@", "//***@").replaceAll("password=[^&]*", "password=***") + "\"";
            return new ConfigException(key + " (from " + v.source() + ") " + rule + ", was " + shown);
        }
    }
}
