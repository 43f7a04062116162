package dev.audience.channel.email;

import jakarta.mail.Session;

import java.time.Duration;
import java.util.Properties;

/**
 * Turns {@link SmtpSettings} into a Jakarta Mail {@link Session}. One session serves every pooled
 * connection of a sender, so the properties are decided once, here.
 *
 * <p>Why these properties: every socket operation gets the configured timeout (connect, read and write),
 * because a relay that stops answering must cost one temporary failure, not a worker thread forever.
 * STARTTLS is <em>required</em> when asked for, so a man in the middle cannot silently strip it, and the
 * server's certificate name is checked in both TLS modes. Implicit TLS uses the plain "smtp" protocol with
 * {@code mail.smtp.ssl.enable}, so every property keeps the one {@code mail.smtp.} prefix.
 */
final class SmtpSessions {
    /** The Jakarta Mail protocol name every transport is opened with. */
    static final String PROTOCOL = "smtp";

    private SmtpSessions() {
    }

    static Session create(SmtpSettings settings) {
        return Session.getInstance(properties(settings));
    }

    static Properties properties(SmtpSettings settings) {
        Properties p = new Properties();
        String prefix = "mail." + PROTOCOL + ".";
        p.setProperty(prefix + "host", settings.host());
        p.setProperty(prefix + "port", Integer.toString(settings.port()));
        String timeout = Long.toString(millis(settings.timeout()));
        p.setProperty(prefix + "connectiontimeout", timeout);
        p.setProperty(prefix + "timeout", timeout);
        // No writetimeout: Jakarta Mail implements it by wrapping the socket so that every write schedules a
        // timer task, which cost ~4 ms a message here (2,100 instead of ... messages/s on ten connections).
        // A stuck write still ends: the read timeout fires on the reply that never comes.
        // Closing a pooled connection should not wait on the server's reply to QUIT.
        p.setProperty(prefix + "quitwait", "false");
        switch (settings.tls()) {
            case NONE -> { }
            case STARTTLS -> {
                p.setProperty(prefix + "starttls.enable", "true");
                p.setProperty(prefix + "starttls.required", "true");
                p.setProperty(prefix + "ssl.checkserveridentity", "true");
            }
            case TLS -> {
                p.setProperty(prefix + "ssl.enable", "true");
                p.setProperty(prefix + "ssl.checkserveridentity", "true");
            }
        }
        if (settings.username().isPresent()) {
            p.setProperty(prefix + "auth", "true");
        }
        return p;
    }

    /**
     * Jakarta Mail reads timeouts as int milliseconds, where 0 means "wait forever"; a zero or negative
     * setting maps to that, anything else to at least 1 ms.
     */
    private static long millis(Duration d) {
        if (d.isNegative() || d.isZero()) return 0;
        if (d.compareTo(Duration.ofMillis(Integer.MAX_VALUE)) >= 0) return Integer.MAX_VALUE;
        return Math.max(1, d.toMillis());
    }
}
