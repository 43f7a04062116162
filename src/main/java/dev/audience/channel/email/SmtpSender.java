package dev.audience.channel.email;

import jakarta.mail.Address;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import org.eclipse.angus.mail.smtp.SMTPTransport;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.function.BooleanSupplier;

/**
 * Sends {@link EmailMessage}s to one SMTP relay and says, for each, what the relay answered.
 *
 * <p>Many delivery workers call {@link #send} at the same time. They share up to
 * {@link SmtpSettings#connections()} persistent connections ({@link TransportPool}), because the relay's
 * limit on connections held applies to this server as a whole, not to each thread. The send rate is kept
 * by the caller (the delivery worker takes a permit before it marks a row as sending). A send never throws for anything the relay or the network does:
 * every result, including a refused connection or an unbuildable message, comes back as an
 * {@link SmtpOutcome}, so the caller's retry logic sees one shape.
 *
 * <p>Order of a send, and why: the MIME message is built first (a malformed one fails without spending a
 * connection), then a connection is borrowed, used, and given back. On the connection the envelope is
 * pipelined when the relay allows it, and the content goes out only when the caller's gate agrees
 * ({@link RelayTransport}). After a refusal
 * with a reply code the connection is reset with RSET and kept; after anything else its state is unknown
 * and it is closed, so the next send opens a fresh one.
 */
public final class SmtpSender implements AutoCloseable {
    /** Probe a pooled connection with NOOP before reuse when it sat idle this long. */
    static final Duration CHECK_IDLE_AFTER = Duration.ofSeconds(10);
    /** The outcome's reply for a send after {@link #close()} (the server is stopping). */
    static final String CLOSED = "not sent: the SMTP sender is closed (the server is stopping)";

    private final SmtpSettings settings;
    private final Session session;
    private final TransportPool pool;

    /**
     * @param settings where the relay is and how to talk to it; nothing is opened until the first send
     */
    public SmtpSender(SmtpSettings settings) {
        this(settings, CHECK_IDLE_AFTER);
    }

    SmtpSender(SmtpSettings settings, Duration checkIdleAfter) {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.session = SmtpSessions.create(settings);
        this.pool = new TransportPool(session, settings, checkIdleAfter);
    }

    /**
     * Sends one message, blocking for the rate limit and for a free connection.
     *
     * @return {@link SmtpOutcome.Delivered} with the relay's final reply; {@link SmtpOutcome.TemporaryFailure}
     *         for 4xx replies, connection problems and interruption (the thread's interrupt flag is kept);
     *         {@link SmtpOutcome.PermanentFailure} for 5xx replies and for messages that cannot be expressed
     *         (an unparseable recipient also counts as an unavailable mailbox); after {@link #close()}, a
     *         temporary failure too, nothing sent (the worker retries it later)
     */
    public SmtpOutcome send(EmailMessage m) {
        return send(m, () -> true);
    }

    /**
     * Sends one message whose content goes out only if {@code beforeContent} says so when the relay is ready for
     * it (after its 354 reply to DATA). When it says no (or throws), nothing is delivered, the connection is
     * discarded and the outcome is a temporary failure; the caller, who asked, knows why.
     */
    public SmtpOutcome send(EmailMessage m, BooleanSupplier beforeContent) {
        Objects.requireNonNull(m, "m");
        InternetAddress to;
        try {
            to = MimeMessages.recipient(m.to());
        } catch (AddressException e) {
            return new SmtpOutcome.PermanentFailure("invalid recipient address " + m.to() + ": " + e.getMessage(), true);
        }
        MimeMessage mime;
        try {
            mime = MimeMessages.build(session, m, to, Instant.now());
        } catch (MessagingException e) {
            return new SmtpOutcome.PermanentFailure("message cannot be built: " + SmtpReplies.describe(e), false);
        }

        TransportPool.Connection connection;
        try {
            connection = pool.borrow();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new SmtpOutcome.TemporaryFailure("interrupted before sending");
        } catch (MessagingException e) {
            return SmtpReplies.connectFailure(settings.host(), settings.port(), e);
        } catch (TransportPool.Closed e) {
            return new SmtpOutcome.TemporaryFailure(CLOSED);
        }

        boolean reusable = false;
        RelayTransport transport = connection.transport;
        try {
            transport.beforeContent(beforeContent);
            transport.sendMessage(mime, new Address[]{to});
            reusable = true;
            return new SmtpOutcome.Delivered(lastReply(transport));
        } catch (MessagingException e) {
            if (transport.withheld()) {
                return new SmtpOutcome.TemporaryFailure("not sent: withheld before its content went out");
            }
            boolean replied = SmtpReplies.reply(e).isPresent();
            reusable = replied && reset(connection.transport);
            if (!replied && transport.dotSent()) {
                return new SmtpOutcome.Unknown("the connection failed after the message was sent, before the relay "
                        + "replied (" + e.getMessage() + "); it may have been delivered, so it is not sent again");
            }
            return SmtpReplies.classify(e);
        } finally {
            transport.beforeContent(() -> true);
            if (reusable) pool.giveBack(connection);
            else pool.discard(connection);
        }
    }

    /** How many SMTP connections this sender has opened so far, reconnections included; for metrics and tests. */
    public int connectionsOpened() {
        return pool.openedConnections();
    }

    /**
     * Closes all pooled connections (borrowed ones as their sends finish). A send afterwards, or one still waiting for
     * a connection, sends nothing and answers a temporary failure.
     */
    @Override
    public void close() {
        pool.close();
    }

    private static String lastReply(SMTPTransport transport) {
        String reply = transport.getLastServerResponse();
        return reply == null || reply.isBlank() ? "250" : reply.strip();
    }

    /**
     * Confirms that a connection whose transaction was refused can carry the next message. Jakarta Mail
     * already sends RSET after a refusal but does not act on the answer; a relay that replied 421 has hung
     * up, and pooling that connection would fail the next, innocent message. One round trip, on the failure
     * path only.
     */
    private static boolean reset(SMTPTransport transport) {
        try {
            return transport.simpleCommand("RSET") == 250;
        } catch (MessagingException | RuntimeException e) {
            return false;
        }
    }

    @Override
    public String toString() {
        return "SmtpSender[" + settings.host() + ":" + settings.port() + ", " + settings.connections()
                + " connections]";
    }
}
