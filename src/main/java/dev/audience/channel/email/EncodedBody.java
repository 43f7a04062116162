package dev.audience.channel.email;

import org.eclipse.angus.mail.util.QPEncoderStream;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * The body of an email as the bytes that go on the wire after its headers, with the Content-Type and
 * Content-Transfer-Encoding headers that describe them.
 *
 * <p>Why it is encoded here and not by Jakarta Mail's DataHandler: for each message, Jakarta Mail scanned the
 * text byte by byte through an {@code AsciiOutputStream} to choose an encoding, and looked its stream
 * encoders up through a {@code ServiceLoader} that searched the class path's jar files on every call; together
 * more than half of a sending thread's CPU time in the email benchmark. The rules are the ones Jakarta Mail
 * applies to text: plain 7bit when the text is ASCII with lines of at most 998 characters, quoted-printable
 * otherwise; UTF-8 throughout; for text plus HTML a {@code multipart/alternative} with the plain text first
 * (clients show the last part they understand). Line breaks become CRLF.
 */
record EncodedBody(String contentType, String transferEncoding, byte[] bytes) {
    private static final String SEVEN_BIT = "7bit";
    private static final String QUOTED_PRINTABLE = "quoted-printable";
    /** RFC 5322: at most 998 characters on a line, CRLF excluded. */
    private static final int MAX_LINE = 998;

    static EncodedBody of(String text, String html, String boundary) {
        if (html == null) return part(text, "plain");
        EncodedBody plain = part(text, "plain");
        EncodedBody rich = part(html, "html");
        ByteArrayOutputStream out = new ByteArrayOutputStream(plain.bytes.length + rich.bytes.length + 400);
        for (EncodedBody p : new EncodedBody[]{plain, rich}) {
            ascii(out, "--" + boundary + "\r\nContent-Type: " + p.contentType + "\r\nContent-Transfer-Encoding: "
                    + p.transferEncoding + "\r\n\r\n");
            out.writeBytes(p.bytes);
            ascii(out, "\r\n");
        }
        ascii(out, "--" + boundary + "--\r\n");
        return new EncodedBody("multipart/alternative; boundary=\"" + boundary + "\"", null, out.toByteArray());
    }

    /**
     * One text part. A boundary always begins with "=_", which quoted-printable never produces, and a 7bit part
     * is only 7bit when it does not contain "=_" at all, so a part can never end the multipart early.
     */
    private static EncodedBody part(String s, String subtype) {
        String type = "text/" + subtype + "; charset=UTF-8";
        byte[] utf8 = s.getBytes(StandardCharsets.UTF_8);
        byte[] sevenBit = utf8.length == s.length() ? sevenBitWithCrlf(utf8) : null; // same length: all ASCII
        if (sevenBit != null) return new EncodedBody(type, SEVEN_BIT, sevenBit);
        ByteArrayOutputStream out = new ByteArrayOutputStream(utf8.length + utf8.length / 8 + 16);
        try (QPEncoderStream qp = new QPEncoderStream(out)) {
            qp.write(utf8);
        } catch (IOException e) {
            throw new UncheckedIOException("writing to memory cannot fail", e);
        }
        return new EncodedBody(type, QUOTED_PRINTABLE, out.toByteArray());
    }

    /**
     * ASCII text as 7bit, each LF written as CRLF; null when it cannot go as 7bit: a control character other than
     * tab and LF (CR is left to quoted-printable), a line longer than {@link #MAX_LINE}, or "=_".
     */
    private static byte[] sevenBitWithCrlf(byte[] ascii) {
        int lines = 0;
        int line = 0;
        byte previous = 0;
        for (byte c : ascii) {
            if (c == '\n') {
                lines++;
                line = 0;
            } else {
                if (c == 127 || (c < 32 && c != '\t') || ++line > MAX_LINE) return null;
                if (c == '_' && previous == '=') return null;
            }
            previous = c;
        }
        if (lines == 0) return ascii;
        byte[] out = new byte[ascii.length + lines];
        int o = 0;
        int from = 0;
        for (int i = 0; i < ascii.length; i++) {
            if (ascii[i] != '\n') continue;
            System.arraycopy(ascii, from, out, o, i - from);
            o += i - from;
            out[o++] = '\r';
            out[o++] = '\n';
            from = i + 1;
        }
        System.arraycopy(ascii, from, out, o, ascii.length - from);
        return out;
    }

    private static void ascii(ByteArrayOutputStream out, String s) {
        out.writeBytes(s.getBytes(StandardCharsets.US_ASCII));
    }
}
