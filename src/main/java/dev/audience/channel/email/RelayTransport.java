package dev.audience.channel.email;

import jakarta.mail.Address;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.SendFailedException;
import jakarta.mail.Session;
import jakarta.mail.URLName;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import org.eclipse.angus.mail.smtp.SMTPAddressFailedException;
import org.eclipse.angus.mail.smtp.SMTPSendFailedException;
import org.eclipse.angus.mail.smtp.SMTPSenderFailedException;
import org.eclipse.angus.mail.smtp.SMTPOutputStream;
import org.eclipse.angus.mail.smtp.SMTPTransport;

import java.io.IOException;
import java.io.OutputStream;
import java.lang.reflect.Field;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

/**
 * Jakarta Mail's SMTP transport with four additions: it knows whether a message's final "." went out, it asks
 * a gate before the content goes out, it pipelines a message's envelope (RFC 2920) when the relay offers
 * PIPELINING, and there it can also send a message's final dot together with the next message's envelope.
 *
 * <p><b>The gate.</b> Once the relay has answered DATA with 354 and before the first byte of content, the
 * caller's gate decides whether the message goes: the delivery worker records the row as "sending" there. A
 * closed gate withholds the content; the connection, left in the data phase, must then be discarded (never
 * ended with a dot, which would deliver an empty message).
 *
 * <p><b>The dot.</b> When the connection fails without a reply after the dot, the relay may have accepted the
 * message: sending it again could deliver it twice, so the sender reports the outcome as unknown instead of
 * temporary.
 *
 * <p><b>Pipelining.</b> Jakarta Mail (Angus) waits for the reply to MAIL FROM before it sends RCPT TO, and for
 * that before DATA: three round trips before the first byte of the message, each a sleep and a wake-up of the
 * sending thread (and of the relay). That was most of a message's cost in the email benchmark. Angus has no
 * pipelining of its own, so here its MAIL FROM and RCPT TO commands, exactly as it words them, are held back
 * and go out together with DATA in one write; their replies are read in order when Angus reads the reply to
 * DATA. The message itself and the final dot still wait for the 354 and then for their reply, as RFC 2920
 * requires. A refused MAIL FROM or RCPT TO is reported with the same exception Angus would have thrown (so
 * {@link SmtpReplies} reads it the same way); if the relay nevertheless answered DATA with 354, an empty data
 * phase is ended with the dot first, so the connection stays in step. Only messages with one recipient are
 * pipelined (every campaign message); anything else takes Angus's own path.
 *
 * <p><b>The deferred dot</b> ({@link #deferDot}). Even pipelined, a message cost two round trips: the envelope
 * (answered by 354), then the content and the dot (answered by 250). With the dot deferred, it stays in the
 * buffer after the content and leaves with the next message's MAIL, RCPT and DATA, in one write; its reply is
 * the first of the replies read for that envelope, and goes to a hook as soon as it is read, before the next
 * message's gate is asked. One round trip per message. With no next message, {@link #settleDot} sends it.
 */
final class RelayTransport extends SMTPTransport {
    private static final byte[] CRLF = {'\r', '\n'};
    /** Angus's buffered stream to the relay (private there); null if this Angus has none by that name. */
    private static final Field SERVER_OUTPUT = serverOutputField();

    private volatile boolean dotSent;
    private BooleanSupplier beforeContent = () -> true;
    private boolean withheld;
    /** While a message's envelope is pipelined: the held MAIL FROM and RCPT TO commands; null otherwise. */
    private List<String> held;
    /** The next reply Angus reads belongs to a held command: answer it "250" without reading. */
    private boolean answerHeld;
    /** Held commands sent with DATA, whose replies are read before DATA's. */
    private List<String> owed = List.of();
    /** Whether a message's final dot may wait for the next message's envelope (see {@link #deferDot}). */
    private boolean deferDot;
    /** The data stream of the message being written, for its final line break. */
    private DataStream content;
    /** A final dot has been written (perhaps only into the buffer) and its reply not read yet. */
    private boolean dotOwed;
    /** Told the reply to a deferred dot as soon as it is read. */
    private Consumer<DotReply> onDotReply = reply -> { };

    /** The relay's reply to a message's final dot; {@code code} -1 when it never came (the outcome is unknown). */
    record DotReply(int code, String text) {
        boolean lost() {
            return code <= 0;
        }
    }

    RelayTransport(Session session, URLName url) {
        super(session, url);
    }

    @Override
    public synchronized void sendMessage(Message message, Address[] addresses) throws MessagingException {
        dotSent = false;
        withheld = false;
        held = SERVER_OUTPUT != null && addresses != null && addresses.length == 1 && supportsExtension("PIPELINING")
                ? new ArrayList<>(3) : null;
        answerHeld = false;
        owed = List.of();
        if (held == null) settleDot(); // nothing to pipeline the owed dot with
        try {
            super.sendMessage(message, addresses);
        } finally {
            held = null;
            answerHeld = false;
            owed = List.of();
        }
    }

    @Override
    protected void sendCommand(String command) throws MessagingException {
        if (held != null && (command.startsWith("MAIL FROM:") || command.startsWith("RCPT TO:"))) {
            held.add(command);
            answerHeld = true;
            return;
        }
        if (held != null && !held.isEmpty() && command.equals("DATA")) {
            owed = List.copyOf(held);
            held.clear();
            buffer(owed);
            super.sendCommand(command); // writes DATA and flushes: MAIL, RCPT and DATA leave in one write
            return;
        }
        super.sendCommand(command);
    }

    @Override
    protected int readServerResponse() throws MessagingException {
        if (answerHeld) {
            answerHeld = false;
            return 250; // the real reply is read with DATA's
        }
        if (owed.isEmpty()) return super.readServerResponse();
        List<String> commands = owed;
        owed = List.of();
        if (dotOwed) readDotReply(); // the dot of the message before went out ahead of this envelope
        MessagingException refused = null;
        for (String command : commands) {
            int code = super.readServerResponse();
            String reply = getLastServerResponse();
            if (code == -1) throw new SMTPSendFailedException(command, -1, reply, null, null, null, null);
            boolean ok = command.startsWith("MAIL") ? code == 250 : code == 250 || code == 251;
            if (!ok && refused == null) refused = refusal(command, code, reply);
        }
        int data = super.readServerResponse();
        if (refused == null) return data;
        if (data == 354) {
            // The relay took DATA although the envelope was refused: end the empty data phase to stay in step.
            super.sendCommand(".");
            super.readServerResponse();
        }
        throw refused;
    }

    /** Puts the commands into Angus's buffered stream to the relay, unflushed, each checked as Angus checks its own. */
    private void buffer(List<String> commands) throws MessagingException {
        try {
            OutputStream out = serverOutput();
            if (out == null) throw new IOException("the connection is closed");
            for (String command : commands) {
                if (command.indexOf('\r') >= 0 || command.indexOf('\n') >= 0) {
                    throw new MessagingException("SMTP command contains a line break: " + command);
                }
                out.write(command.getBytes(StandardCharsets.UTF_8));
                out.write(CRLF);
            }
        } catch (IOException e) {
            throw new MessagingException("Can't send command to SMTP host", e);
        }
    }

    /** Angus's buffered stream to the relay as it is now (STARTTLS replaces it; closing nulls it). */
    private OutputStream serverOutput() {
        try {
            return (OutputStream) SERVER_OUTPUT.get(this);
        } catch (IllegalAccessException e) {
            throw new IllegalStateException("the field was made accessible when the class loaded", e);
        }
    }

    private static Field serverOutputField() {
        try {
            Field f = SMTPTransport.class.getDeclaredField("serverOutput");
            if (!OutputStream.class.isAssignableFrom(f.getType())) return null;
            f.setAccessible(true);
            return f;
        } catch (ReflectiveOperationException | RuntimeException e) {
            return null;
        }
    }

    /**
     * The stream a message's content is written to: Angus's own (line breaks made CRLF, dots at line starts doubled,
     * byte by byte), which can also take content already in that form in one write ({@link PreparedMimeMessage}).
     */
    static final class DataStream extends SMTPOutputStream {
        DataStream(OutputStream out) {
            super(out);
        }

        /**
         * Writes content already in SMTP's form: CRLF line breaks only, every line that starts with a dot starting
         * with two, and ending with CRLF (so the stream is at a line start after it, as it was before).
         */
        void writeWire(byte[] wire) throws IOException {
            out.write(wire);
        }
    }

    /** A {@link DataStream} over Angus's buffered stream to the relay, replacing Angus's data stream; null if out of reach. */
    private DataStream wireStream(OutputStream angus) {
        if (SERVER_OUTPUT == null || !(angus instanceof SMTPOutputStream)) return null;
        OutputStream server = serverOutput();
        return server == null ? null : new DataStream(server);
    }

    /** The exception Angus throws for a refused MAIL FROM or RCPT TO. */
    private static MessagingException refusal(String command, int code, String reply) {
        InternetAddress address = address(command);
        if (command.startsWith("MAIL")) return new SMTPSenderFailedException(address, command, code, reply);
        SMTPAddressFailedException failed = new SMTPAddressFailedException(address, command, code, reply);
        return new SendFailedException("Invalid Addresses", failed, new Address[0], new Address[0], new Address[]{address});
    }

    /** The address between the angle brackets of a MAIL FROM or RCPT TO command. */
    private static InternetAddress address(String command) {
        int open = command.indexOf('<');
        int close = command.indexOf('>', open + 1);
        String address = open >= 0 && close > open ? command.substring(open + 1, close) : command;
        try {
            return new InternetAddress(address, false);
        } catch (AddressException e) {
            InternetAddress unparsed = new InternetAddress();
            unparsed.setAddress(address);
            return unparsed;
        }
    }

    /** The gate asked before the content of each following message goes out. */
    void beforeContent(BooleanSupplier gate) {
        beforeContent = gate;
    }

    @Override
    protected OutputStream data() throws MessagingException {
        OutputStream content = super.data();
        this.content = wireStream(content);
        if (this.content != null) content = this.content;
        boolean go;
        try {
            go = beforeContent.getAsBoolean();
        } catch (RuntimeException e) {
            go = false;
        }
        if (!go) {
            withheld = true;
            throw new MessagingException("the message was withheld before its content went out");
        }
        return content;
    }

    /** Whether the last message was withheld by the gate (nothing delivered; the connection is mid-DATA). */
    boolean withheld() {
        return withheld;
    }

    @Override
    protected void finishData() throws IOException, MessagingException {
        dotSent = true; // before the dot is written: from here a lost reply leaves the outcome unknown
        if (content != null) content.ensureAtBOL(); // as Angus's own finishData (its own stream saw nothing then)
        if (!deferDot || held == null || content == null) {
            super.finishData();
            return;
        }
        buffer(List.of("."));
        dotOwed = true;
    }

    /**
     * Lets the final dot of each following message (on a relay that offers PIPELINING) wait in the buffer and go
     * out with the next message's envelope, its reply read with theirs: one round trip per message instead of
     * two. The reply goes to {@code onDotReply} as soon as it is read; {@link #settleDot} sends and reads it
     * when no message follows.
     */
    void deferDot(boolean defer, Consumer<DotReply> onDotReply) {
        this.deferDot = defer;
        this.onDotReply = onDotReply;
    }

    /** Whether a final dot went out (or waits in the buffer) without its reply read. */
    boolean dotOwed() {
        return dotOwed;
    }

    /**
     * Sends a deferred dot now and reads its reply, which goes to the {@code onDotReply} hook (a failure to send
     * or read is reported as a lost reply). Nothing happens when no dot is owed.
     */
    synchronized void settleDot() {
        if (!dotOwed) return;
        try {
            OutputStream out = serverOutput();
            if (out == null) throw new IOException("the connection is closed");
            out.flush();
            readDotReply();
        } catch (IOException | RuntimeException e) {
            if (dotOwed) { // not reported yet: the dot may or may not have reached the relay
                dotOwed = false;
                onDotReply.accept(new DotReply(-1, "sending the final dot failed: " + e.getMessage()));
            }
        } catch (MessagingException e) {
            // reported to the hook by readDotReply
        }
    }

    /** Reads the reply to the owed dot and reports it; a lost reply is also thrown, as the connection is gone. */
    private void readDotReply() throws MessagingException {
        dotOwed = false;
        int code;
        String text;
        try {
            code = super.readServerResponse();
            text = getLastServerResponse();
        } catch (MessagingException | RuntimeException e) {
            onDotReply.accept(new DotReply(-1, SmtpReplies.describe(e)));
            throw e instanceof MessagingException m ? m : new MessagingException("reading the relay's reply failed", e);
        }
        DotReply reply = new DotReply(code, text);
        onDotReply.accept(reply);
        if (reply.lost()) throw new SMTPSendFailedException(".", -1, text, null, null, null, null);
    }

    boolean dotSent() {
        return dotSent;
    }
}
