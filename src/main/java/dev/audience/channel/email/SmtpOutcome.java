package dev.audience.channel.email;

/**
 * What the SMTP relay said about one message. Temporary failures (4xx replies, a dropped or refused
 * connection) may succeed later; permanent ones (5xx) will not, and {@code mailboxUnavailable} says the
 * address itself is dead (550/551/553 and 5.1.x codes), so later campaigns should skip it.
 */
public sealed interface SmtpOutcome {
    record Delivered(String reply) implements SmtpOutcome {}

    record TemporaryFailure(String reply) implements SmtpOutcome {}

    record PermanentFailure(String reply, boolean mailboxUnavailable) implements SmtpOutcome {}

    /**
     * The whole message went out but the relay's reply never came back (a dropped connection, a timeout):
     * it may have been accepted. Not retried, so nobody gets it twice; the ledger records it as unknown.
     */
    record Unknown(String reason) implements SmtpOutcome {}
}
