package dev.audience.channel.email;

import jakarta.mail.MessagingException;
import jakarta.mail.Session;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.LinkedBlockingDeque;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * At most {@code size} open SMTP connections, shared by many sending threads.
 *
 * <p>Why a pool: opening an SMTP connection costs a TCP (and maybe TLS) handshake, a greeting, EHLO and
 * perhaps a login, several round trips before the first byte of mail, and relays limit how many connections
 * a client may hold. So a caller {@link #borrow() borrows} a connection, sends, and {@link #giveBack gives
 * it back}; a connection is opened only when no idle one exists and fewer than {@code size} are out, and it
 * then carries many messages. A connection that broke is {@link #discard discarded} instead, and the next
 * borrower opens a fresh one.
 *
 * <p>Relays close connections that sit idle (RFC 5321 suggests after 5 minutes, some much sooner). A
 * connection idle for longer than {@code checkIdleAfter} is therefore probed with NOOP before it is handed
 * out, and silently replaced if the probe fails. Busy connections are never probed, so a campaign in full
 * flow pays nothing for this.
 *
 * <p>Idle connections are reused most-recently-used first, which keeps the fewest connections warm.
 */
final class TransportPool implements AutoCloseable {

    /** One pooled connection and when it was last used. */
    static final class Connection {
        final RelayTransport transport;
        private long lastUsedNanos;

        private Connection(RelayTransport transport) {
            this.transport = transport;
            this.lastUsedNanos = System.nanoTime();
        }
    }

    private final Session session;
    private final SmtpSettings settings;
    private final long checkIdleAfterNanos;
    /** One permit per connection that may exist: idle ones plus borrowed ones never exceed the pool size. */
    private final Semaphore slots;
    private final LinkedBlockingDeque<Connection> idle = new LinkedBlockingDeque<>();
    private final AtomicInteger opened = new AtomicInteger();
    private volatile boolean closed;

    TransportPool(Session session, SmtpSettings settings, Duration checkIdleAfter) {
        this.session = session;
        this.settings = settings;
        this.checkIdleAfterNanos = checkIdleAfter.toNanos();
        this.slots = new Semaphore(settings.connections(), true);
    }

    /**
     * A connection for the caller's exclusive use, waiting while all are borrowed. Every successful borrow
     * must be followed by exactly one {@link #giveBack} or {@link #discard}.
     *
     * @throws MessagingException   when a new connection could not be opened (refused, TLS, login)
     * @throws InterruptedException when interrupted while waiting for a free connection
     * @throws Closed               after {@link #close()}, or when it came while waiting
     */
    Connection borrow() throws MessagingException, InterruptedException, Closed {
        ensureOpen();
        slots.acquire();
        try {
            ensureOpen();
            Connection c;
            while ((c = idle.pollFirst()) != null) {
                if (!stale(c) || c.transport.isConnected()) return c;
                closeQuietly(c); // the relay dropped it while idle; isConnected() already tried NOOP
            }
            return open();
        } catch (MessagingException | Closed | RuntimeException e) {
            slots.release();
            throw e;
        }
    }

    /** Returns a healthy connection for the next borrower. */
    void giveBack(Connection c) {
        c.lastUsedNanos = System.nanoTime();
        if (closed) {
            closeQuietly(c);
        } else {
            idle.offerFirst(c);
            // close() may have drained the idle list between the check above and the offer.
            if (closed && idle.remove(c)) closeQuietly(c);
        }
        slots.release();
    }

    /** Closes a connection that broke or whose state is unknown; its slot becomes free for a new one. */
    void discard(Connection c) {
        closeQuietly(c);
        slots.release();
    }

    /** How many connections this pool has opened so far, replacements included. */
    int openedConnections() {
        return opened.get();
    }

    /** Closes every idle connection now, and every borrowed one as it comes back. Idempotent. */
    @Override
    public void close() {
        closed = true;
        List<Connection> drained = new ArrayList<>();
        idle.drainTo(drained);
        drained.forEach(TransportPool::closeQuietly);
    }

    private Connection open() throws MessagingException {
        RelayTransport transport = new RelayTransport(session, new jakarta.mail.URLName(SmtpSessions.PROTOCOL,
                settings.host(), settings.port(), null, settings.username().orElse(null), null));
        Connection c = new Connection(transport);
        try {
            transport.connect(settings.host(), settings.port(),
                    settings.username().orElse(null), settings.password().orElse(null));
        } catch (MessagingException | RuntimeException e) {
            closeQuietly(c); // a half-open connection (greeting read, then TLS or login failed) must not leak
            throw e;
        }
        opened.incrementAndGet();
        return c;
    }

    private boolean stale(Connection c) {
        return System.nanoTime() - c.lastUsedNanos >= checkIdleAfterNanos;
    }

    private void ensureOpen() throws Closed {
        if (closed) throw new Closed();
    }

    /** The pool was closed: no connection is lent any more. Checked, so a sender cannot forget to answer it. */
    static final class Closed extends Exception {
        Closed() {
            super("SMTP sender is closed", null, false, false);
        }
    }

    private static void closeQuietly(Connection c) {
        try {
            c.transport.close();
        } catch (MessagingException | RuntimeException ignored) {
            // Already broken or closed: nothing left to release but the socket, which close() always drops.
        }
    }
}
