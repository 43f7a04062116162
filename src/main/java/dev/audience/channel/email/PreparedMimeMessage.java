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
        Enumeration<String> lines = getNonMatchingHeaderLines(ignoreList);
        while (lines.hasMoreElements()) {
            os.write(lines.nextElement().getBytes(StandardCharsets.UTF_8));
            os.write(CRLF);
        }
        os.write(CRLF);
        os.write(body.bytes());
        os.flush();
    }

    @Override
    public int getSize() {
        return body.bytes().length;
    }
}
