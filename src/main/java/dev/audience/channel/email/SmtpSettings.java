package dev.audience.channel.email;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * How to reach the SMTP relay: host and port, TLS mode, optional login, how many connections to keep
 * open, how many messages per second at most (0 = no limit), and the socket timeout.
 */
public record SmtpSettings(String host, int port, Tls tls, Optional<String> username, Optional<String> password,
                           int connections, double ratePerSecond, Duration timeout) {
    public enum Tls { NONE, STARTTLS, TLS }

    public SmtpSettings {
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(tls, "tls");
        Objects.requireNonNull(username, "username");
        Objects.requireNonNull(password, "password");
        Objects.requireNonNull(timeout, "timeout");
        if (connections < 1) throw new IllegalArgumentException("connections must be at least 1");
        if (ratePerSecond < 0) throw new IllegalArgumentException("ratePerSecond must not be negative");
    }
}
