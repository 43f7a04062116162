package dev.audience.channel.email;

import jakarta.mail.Address;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import org.eclipse.angus.mail.smtp.SMTPSendFailedException;
import org.eclipse.angus.mail.smtp.SMTPTransport;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

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
    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(SmtpSender.class);
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
        SmtpOutcome[] outcome = new SmtpOutcome[1];
        try (Line line = line()) {
            line.send(m, beforeContent, o -> outcome[0] = o);
        }
        return outcome[0];
    }

    /** A run of messages on one connection, for one thread (see {@link Line}). */
    public Line line() {
        return new Line();
    }

    /**
     * Messages sent one after another by one thread on one connection, borrowed at the first send and given back
     * at {@link #close}. On a relay that offers PIPELINING, a message's final dot waits and goes out with the next
     * message's envelope (MAIL, RCPT, DATA), so each message costs one round trip instead of two; its outcome is
     * reported as soon as the relay's reply to that dot is read, which is before the next message's gate is asked
     * (so the caller records one message's outcome before it lets the next one's content go). Every message's
     * outcome is reported exactly once, by the time {@link #settle} or {@link #close} returns. Not thread-safe.
     */
    public final class Line implements AutoCloseable {
        private TransportPool.Connection connection;
        /** The message whose dot went out (or waits in the buffer) without its reply read. */
        private Consumer<SmtpOutcome> awaiting;

        private Line() {
        }

        /**
         * Sends one message; its content goes out only if {@code beforeContent} says so when the relay is ready for
         * it. {@code outcome} is told what became of it, now or during a later call of this line. Reports never
         * throw out of here: an exception from {@code outcome} is the caller's to handle inside it.
         */
        public void send(EmailMessage m, BooleanSupplier beforeContent, Consumer<SmtpOutcome> outcome) {
            Objects.requireNonNull(m, "m");
            InternetAddress to;
            MimeMessage mime;
            try {
                to = MimeMessages.recipient(m.to());
            } catch (AddressException e) {
                outcome.accept(new SmtpOutcome.PermanentFailure("invalid recipient address " + m.to() + ": " + e.getMessage(), true));
                return;
            }
            try {
                mime = MimeMessages.build(session, m, to, Instant.now());
            } catch (MessagingException e) {
                outcome.accept(new SmtpOutcome.PermanentFailure("message cannot be built: " + SmtpReplies.describe(e), false));
                return;
            }
            if (connection == null) {
                try {
                    connection = pool.borrow();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    outcome.accept(new SmtpOutcome.TemporaryFailure("interrupted before sending"));
                    return;
                } catch (MessagingException e) {
                    outcome.accept(SmtpReplies.connectFailure(settings.host(), settings.port(), e));
                    return;
                } catch (TransportPool.Closed e) {
                    outcome.accept(new SmtpOutcome.TemporaryFailure(CLOSED));
                    return;
                }
            }

            RelayTransport transport = connection.transport;
            boolean reusable = false;
            SmtpOutcome now; // this message's outcome when known at once; null while its dot's reply is owed
            try {
                transport.deferDot(true, this::replied);
                transport.beforeContent(beforeContent);
                transport.sendMessage(mime, new Address[]{to});
                reusable = true;
                now = transport.dotOwed() ? null : delivered(transport.getLastServerResponse());
            } catch (MessagingException e) {
                transport.settleDot(); // this message failed before its envelope took the dot owed along
                if (transport.withheld()) {
                    now = new SmtpOutcome.TemporaryFailure("not sent: withheld before its content went out");
                } else {
                    boolean replied = SmtpReplies.reply(e).isPresent();
                    reusable = replied && reset(transport);
                    now = !replied && transport.dotSent() ? unknown(e.getMessage()) : SmtpReplies.classify(e);
                }
            } catch (RuntimeException e) {
                // Angus's own state broke (it closes a connection whose reply it cannot parse, then refuses to
                // use it): the connection goes, and the message counts as the connection failure it is
                transport.settleDot();
                now = transport.dotSent() ? unknown(e.toString())
                        : new SmtpOutcome.TemporaryFailure("SMTP connection failed: " + SmtpReplies.describe(e));
            } finally {
                transport.beforeContent(() -> true);
                if (!reusable) end(false);
            }
            // Reported outside the try: a failing report is the caller's, never taken for a failed send.
            if (now == null) awaiting = outcome;
            else outcome.accept(now);
        }

        /**
         * Sends the dot still waiting, if any, and reports its message's outcome now. A connection whose reply was
         * lost is dropped, and one whose reply refused the message is kept only if it answers RSET.
         */
        public void settle() {
            if (connection == null) return;
            connection.transport.settleDot();
            if (!inStep()) end(false);
        }

        /** Settles the last message and gives the connection back (or drops it, if its state is in doubt). */
        @Override
        public void close() {
            if (connection == null) return;
            connection.transport.settleDot();
            end(inStep());
        }

        /** Whether the connection may carry the next message: the last dot's reply (if any) was read and 2xx, or RSET agrees. */
        private boolean inStep() {
            RelayTransport.DotReply dot = lastDot;
            if (dot == null || dot.code() / 100 == 2) return true;
            if (dot.lost() || !reset(connection.transport)) return false;
            lastDot = null; // reset once: in step from here
            return true;
        }

        /** The reply to the last dot read on this line. */
        private RelayTransport.DotReply lastDot;

        /** The reply to a deferred dot was read (or lost): its message's outcome. */
        private void replied(RelayTransport.DotReply reply) {
            lastDot = reply;
            Consumer<SmtpOutcome> to = awaiting;
            awaiting = null;
            if (to == null) return;
            SmtpOutcome outcome = reply.code() / 100 == 2
                    ? delivered(reply.text())
                    : reply.lost() ? unknown(reply.text())
                    : SmtpReplies.classify(new SMTPSendFailedException(".", reply.code(), reply.text(), null, null, null, null));
            try {
                to.accept(outcome); // runs inside the next message's send: its failure must not break that one
            } catch (RuntimeException e) {
                LOG.warn("recording the outcome {} failed", outcome, e);
            }
        }

        private void end(boolean healthy) {
            if (connection == null) return;
            if (awaiting != null) replied(new RelayTransport.DotReply(-1, "the connection was given up"));
            connection.transport.deferDot(false, reply -> { });
            if (healthy) pool.giveBack(connection);
            else pool.discard(connection);
            connection = null;
            lastDot = null;
        }
    }

    private static SmtpOutcome unknown(String why) {
        return new SmtpOutcome.Unknown("the connection failed after the message was sent, before the relay "
                + "replied (" + why + "); it may have been delivered, so it is not sent again");
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

    /** Delivered, with the relay's final reply as it said it ("250" if it said nothing more). */
    private static SmtpOutcome delivered(String reply) {
        return new SmtpOutcome.Delivered(reply == null || reply.isBlank() ? "250" : reply.strip());
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
