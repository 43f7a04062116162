package dev.audience.app;

import dev.audience.channel.email.EmailMessage;
import dev.audience.channel.email.SmtpOutcome;
import dev.audience.channel.email.SmtpSender;
import dev.audience.delivery.EmailTransport;

import java.util.function.BooleanSupplier;

/** The delivery worker's way to the relay (its own interface) over the SMTP sender, lines included. */
record SmtpEmailTransport(SmtpSender smtp) implements EmailTransport {
    @Override
    public SmtpOutcome send(EmailMessage message, BooleanSupplier beforeContent) {
        return smtp.send(message, beforeContent);
    }

    @Override
    public Line line() {
        SmtpSender.Line line = smtp.line();
        return Line.of(line::send, line::settle, line::close);
    }
}
