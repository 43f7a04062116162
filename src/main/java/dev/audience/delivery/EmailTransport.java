package dev.audience.delivery;

import dev.audience.channel.email.EmailMessage;
import dev.audience.channel.email.SmtpOutcome;

import java.util.function.BooleanSupplier;

/** Hands one email to the relay (the SMTP sender); thread-safe. */
public interface EmailTransport {
    /**
     * Sends {@code message}; its content goes out only if {@code beforeContent}, asked once the relay is ready for
     * the content, returns true. Otherwise nothing is delivered (the outcome is then a temporary failure).
     */
    SmtpOutcome send(EmailMessage message, BooleanSupplier beforeContent);
}
