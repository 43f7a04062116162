package dev.audience.channel.email;

import java.util.Map;
import java.util.Objects;

/**
 * One rendered email, ready for SMTP. {@code messageId} is stable per ledger row (a retry sends the same
 * Message-ID); {@code headers} are extra headers such as List-Unsubscribe. {@code html} may be null (text only).
 */
public record EmailMessage(String messageId, String fromName, String fromEmail, String replyTo, String to, String subject,
                           String text, String html, Map<String, String> headers) {
    public EmailMessage {
        Objects.requireNonNull(messageId, "messageId");
        Objects.requireNonNull(fromEmail, "fromEmail");
        Objects.requireNonNull(to, "to");
        Objects.requireNonNull(subject, "subject");
        Objects.requireNonNull(text, "text");
        headers = Map.copyOf(headers);
    }
}
