package dev.audience.channel.push;

import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;

/**
 * How to reach APNs with token authentication: the .p8 signing key with its key id and team id, the app's
 * bundle id as topic, the server (Apple's production or sandbox host, or a test server), an extra CA
 * certificate to trust (a test server's), and how many HTTP/2 connections to keep open.
 */
public record ApnsSettings(Path keyFile, String keyId, String teamId, String topic, String host, int port,
                           Optional<Path> trustFile, int connections) {
    public static final String PRODUCTION_HOST = "api.push.apple.com";
    public static final String SANDBOX_HOST = "api.sandbox.push.apple.com";

    public ApnsSettings {
        Objects.requireNonNull(keyFile, "keyFile");
        Objects.requireNonNull(keyId, "keyId");
        Objects.requireNonNull(teamId, "teamId");
        Objects.requireNonNull(topic, "topic");
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(trustFile, "trustFile");
        if (port < 1 || port > 65535) throw new IllegalArgumentException("port must be 1 to 65535");
        if (connections < 1) throw new IllegalArgumentException("connections must be at least 1");
    }
}
