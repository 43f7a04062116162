package dev.audience.channel.email;

import jakarta.mail.internet.MimeUtility;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

/** The body's bytes on the wire, decoded back the way a mail client does. */
class EncodedBodyTest {
    @Test
    void asciiTextGoesAs7bitWithCrlfLineBreaks() {
        EncodedBody body = EncodedBody.of("Hello\nworld\n\tindented", null, "=_b");
        assertThat(body.transferEncoding()).isEqualTo("7bit");
        assertThat(body.contentType()).isEqualTo("text/plain; charset=UTF-8");
        assertThat(new String(body.bytes(), StandardCharsets.US_ASCII)).isEqualTo("Hello\r\nworld\r\n\tindented");
    }

    @Test
    void nonAsciiLongLinesAndTheBoundaryMarkGoAsQuotedPrintableAndDecodeToTheText() throws Exception {
        String[] texts = {"Été à Paris\nà bientôt", "x".repeat(1_200), "a =_ b", "line\rwith a bare CR"};
        for (String text : texts) {
            EncodedBody body = EncodedBody.of(text, null, "=_b");
            assertThat(body.transferEncoding()).as(text).isEqualTo("quoted-printable");
            try (InputStream in = MimeUtility.decode(new ByteArrayInputStream(body.bytes()), "quoted-printable")) {
                // Line breaks become CRLF, a bare CR included (as Jakarta Mail encodes text).
                assertThat(new String(in.readAllBytes(), StandardCharsets.UTF_8).replace("\r\n", "\n")).as(text)
                        .isEqualTo(text.replace('\r', '\n'));
            }
        }
    }

    @Test
    void textAndHtmlMakeAMultipartWithThePlainTextFirst() {
        EncodedBody body = EncodedBody.of("plain", "<p>Été</p>", "=_b");
        assertThat(body.contentType()).isEqualTo("multipart/alternative; boundary=\"=_b\"");
        String wire = new String(body.bytes(), StandardCharsets.US_ASCII);
        assertThat(wire).startsWith("--=_b\r\nContent-Type: text/plain; charset=UTF-8\r\nContent-Transfer-Encoding: 7bit\r\n\r\nplain\r\n");
        assertThat(wire).contains("--=_b\r\nContent-Type: text/html; charset=UTF-8\r\nContent-Transfer-Encoding: quoted-printable\r\n\r\n");
        assertThat(wire).endsWith("--=_b--\r\n");
    }
}
