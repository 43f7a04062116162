package dev.audience.config;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The apns.* and fcm.* keys. A provider is off while its required keys are all empty; once one is set, the
 * others must be too. Whether the files load (the .p8 key, the CA certificate, the service-account JSON) is
 * not checked here but by {@code audience push check}, so that a server that sends no push starts without them.
 */
final class PushKeys {
    static final List<String> APNS_REQUIRED = List.of("apns.key_file", "apns.key_id", "apns.team_id", "apns.topic");
    private static final Pattern APPLE_ID = Pattern.compile("[A-Z0-9]{10}");
    private static final Pattern BUNDLE_ID = Pattern.compile("[A-Za-z0-9-]+(\\.[A-Za-z0-9-]+)*");
    private static final Pattern HOST_PORT = Pattern.compile("(\\[[0-9A-Fa-f:.]+]|[A-Za-z0-9.-]+):(\\d{1,5})");

    private PushKeys() {}

    static AudienceConfig.Push read(ConfigLoader.Reading r) {
        return new AudienceConfig.Push(apns(r), fcm(r));
    }

    private static Optional<AudienceConfig.Apns> apns(ConfigLoader.Reading r) {
        String server = r.text("apns.server");
        String host;
        int port = 443;
        switch (server.toLowerCase(java.util.Locale.ROOT)) {
            case "production" -> host = "api.push.apple.com";
            case "sandbox" -> host = "api.sandbox.push.apple.com";
            default -> {
                var m = HOST_PORT.matcher(server);
                if (!m.matches() || Integer.parseInt(m.group(2)) < 1 || Integer.parseInt(m.group(2)) > 65535) {
                    throw r.failure("apns.server", "must be production, sandbox, or host:port of a test server");
                }
                host = m.group(1).replaceAll("^\\[|]$", "");
                port = Integer.parseInt(m.group(2));
            }
        }
        Optional<String> trust = r.optional("apns.trust_file");
        int connections = r.integer("apns.connections", 1, 64);
        Optional<String> set = APNS_REQUIRED.stream().filter(k -> r.optional(k).isPresent()).findFirst();
        if (set.isEmpty()) return Optional.empty();
        for (String key : APNS_REQUIRED) {
            if (r.optional(key).isEmpty()) {
                r.fail(key, "must be set when " + set.get() + " is: APNs token authentication needs "
                        + String.join(", ", APNS_REQUIRED));
            }
        }
        String keyId = r.text("apns.key_id");
        if (!APPLE_ID.matcher(keyId).matches()) r.fail("apns.key_id", "must be the 10-character Key ID Apple shows for the .p8 key");
        String teamId = r.text("apns.team_id");
        if (!APPLE_ID.matcher(teamId).matches()) r.fail("apns.team_id", "must be the 10-character Team ID of the Apple developer account");
        String topic = r.text("apns.topic");
        if (!BUNDLE_ID.matcher(topic).matches()) r.fail("apns.topic", "must be the app's bundle id, like com.example.app");
        return Optional.of(new AudienceConfig.Apns(Path.of(r.text("apns.key_file")), keyId, teamId, topic, server, host,
                port, trust.map(Path::of), connections));
    }

    private static Optional<AudienceConfig.Fcm> fcm(ConfigLoader.Reading r) {
        String endpoint = r.text("fcm.endpoint");
        URI uri;
        try {
            uri = new URI(endpoint);
        } catch (URISyntaxException e) {
            throw r.failure("fcm.endpoint", "must be an http:// or https:// base URL, like https://fcm.googleapis.com");
        }
        if (!("https".equals(uri.getScheme()) || "http".equals(uri.getScheme())) || uri.getHost() == null
                || uri.getQuery() != null) {
            r.fail("fcm.endpoint", "must be an http:// or https:// base URL, like https://fcm.googleapis.com");
        }
        return r.optional("fcm.credentials_file").map(f -> new AudienceConfig.Fcm(Path.of(f), uri));
    }
}
