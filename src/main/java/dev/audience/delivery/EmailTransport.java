package dev.audience.delivery;

import dev.audience.channel.email.EmailMessage;
import dev.audience.channel.email.SmtpOutcome;

/** Hands one email to the relay (the SMTP sender); thread-safe. */
public interface EmailTransport {
    SmtpOutcome send(EmailMessage message);
}
