package dev.audience.channel.email;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * How to reach the SMTP relay: host and port, TLS mode, optional login, how many connections to keep
 * open, and the socket timeout. (The send rate is the delivery worker's.)
 */
public record SmtpSettings(String host, int port, Tls tls, Optional<String> username, Optional<String> password,
                           int connections, Duration timeout) {
    public enum Tls { NONE, STARTTLS, TLS }

    public SmtpSettings {
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(tls, "tls");
        Objects.requireNonNull(username, "username");
        Objects.requireNonNull(password, "password");
        Objects.requireNonNull(timeout, "timeout");
        if (connections < 1) throw new IllegalArgumentException("connections must be at least 1");
    }
}
