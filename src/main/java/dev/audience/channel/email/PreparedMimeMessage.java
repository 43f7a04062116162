package dev.audience.channel.email;

import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Enumeration;

/**
 * A MimeMessage whose body is already encoded ({@link EncodedBody}) and whose Message-ID is fixed by the caller.
 *
 * <p>Jakarta Mail would otherwise invent a new Message-ID on every {@code saveChanges()} (the ledger relies on a
 * retry carrying the same one), and would encode the body again, through its DataHandler, each time the message
 * is written. Here the headers are written as they are and the body bytes after them; the body is also the
 * message's raw content, so {@code getContent()} decodes it as for a message that was parsed.
 */
final class PreparedMimeMessage extends MimeMessage {
    private static final byte[] CRLF = {'\r', '\n'};

    private final String messageId;
    private final EncodedBody body;

    PreparedMimeMessage(Session session, String messageId, EncodedBody body) {
        super(session);
        this.messageId = messageId;
        this.body = body;
        this.content = body.bytes();
    }

    @Override
    protected void updateHeaders() throws MessagingException {
        setHeader("MIME-Version", "1.0");
        setHeader("Content-Type", body.contentType());
        if (body.transferEncoding() == null) removeHeader("Content-Transfer-Encoding");
        else setHeader("Content-Transfer-Encoding", body.transferEncoding());
        setHeader("Message-ID", messageId);
    }

    @Override
    public void writeTo(OutputStream os, String[] ignoreList) throws IOException, MessagingException {
        if (!saved) saveChanges();
        if (os instanceof RelayTransport.DataStream wire) {
            wire.writeWire(wire(ignoreList)); // one write, instead of the data stream scanning every byte
            return;
        }
        Enumeration<String> lines = getNonMatchingHeaderLines(ignoreList);
        while (lines.hasMoreElements()) {
            os.write(lines.nextElement().getBytes(StandardCharsets.UTF_8));
            os.write(CRLF);
        }
        os.write(CRLF);
        os.write(body.bytes());
        os.flush();
    }

    /**
     * The message as it goes on the wire after DATA: header lines, a blank line, the body with every line that
     * starts with a dot given a second one (RFC 5321 4.5.2), ending with CRLF. Header lines never start with a dot
     * (names are not empty, folded lines start with white space); the body has CRLF line breaks only.
     */
    private byte[] wire(String[] ignoreList) throws MessagingException {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream(body.bytes().length + 1024);
        Enumeration<String> lines = getNonMatchingHeaderLines(ignoreList);
        while (lines.hasMoreElements()) {
            out.writeBytes(lines.nextElement().getBytes(StandardCharsets.UTF_8));
            out.writeBytes(CRLF);
        }
        out.writeBytes(CRLF);
        byte[] b = body.bytes();
        int from = 0;
        for (int i = 0; i < b.length; i++) {
            if (b[i] == '.' && (i == 0 || b[i - 1] == '\n')) {
                out.write(b, from, i - from);
                out.write('.');
                from = i;
            }
        }
        out.write(b, from, b.length - from);
        if (b.length > 0 && (b.length < 2 || b[b.length - 2] != '\r' || b[b.length - 1] != '\n')) out.writeBytes(CRLF);
        return out.toByteArray();
    }

    @Override
    public int getSize() {
        return body.bytes().length;
    }
}
