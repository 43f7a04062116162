package dev.audience.config;

import java.nio.file.Path;
import java.util.Optional;

/** The whole validated configuration: defaults, then the file, then AUDIENCE_* variables, then CLI flags. */
public record AudienceConfig(Http http, Database database, Path dataDir, Optional<String> bootstrapKey,
                             Log log, Events events, Segments segments, Optional<String> publicUrl, Smtp smtp,
                             Campaigns campaigns, Push push) {

    /** The SMTP relay campaigns send through; rate 0 = no limit. */
    public record Smtp(String host, int port, String tls, Optional<String> username, Optional<String> password,
                       int connections, double rate, int maxAttempts, int timeoutSeconds,
                       Optional<String> unsubscribeMailto) {}

    /**
     * How often campaigns are started, expired and finished; how long a node's claim on ledger rows lasts
     * without renewal (a killed node's rows are recovered by the others after this).
     */
    public record Campaigns(int checkSeconds, int leaseSeconds) {}

    /** Push providers; each is empty when not configured. */
    public record Push(Optional<Apns> apns, Optional<Fcm> fcm) {}

    /**
     * APNs with token authentication. {@code server} is as configured (production, sandbox or host:port);
     * {@code host} and {@code port} are where it points.
     */
    public record Apns(Path keyFile, String keyId, String teamId, String topic, String server, String host, int port,
                       Optional<Path> trustFile, int connections) {}

    /** FCM HTTP v1: the service-account key file and the API's base URL. */
    public record Fcm(Path credentialsFile, java.net.URI endpoint) {}

    /** Where links in emails point (unsubscribe, tracking): the configured public URL, or this server's address. */
    public String publicBaseUrl(int boundPort) {
        return publicUrl.orElse(http.url(boundPort));
    }

    public record Http(String host, int port, long maxBodyBytes, long maxImportBytes) {
        /** http://HOST:PORT, an IPv6 address in brackets. */
        public String url(int boundPort) {
            return "http://" + (host.contains(":") ? "[" + host + "]" : host) + ":" + boundPort;
        }
    }

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
