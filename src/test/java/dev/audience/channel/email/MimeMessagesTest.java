package dev.audience.channel.email;

import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;
import java.util.Properties;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Building the MIME message, without any server. */
class MimeMessagesTest {
    private final Session session = Session.getInstance(new Properties());

    @Test
    void messageIdSurvivesEverySave() throws Exception {
        MimeMessage mime = build(message(Map.of()));
        mime.saveChanges();
        mime.saveChanges();

        assertThat(mime.getHeader("Message-ID")).containsExactly("<m-1@audience.test>");
        assertThat(raw(mime)).contains("Message-ID: <m-1@audience.test>\r\n");
    }

    @Test
    void htmlComesAfterPlainText() throws Exception {
        String raw = raw(build(message(Map.of())));

        assertThat(raw).contains("multipart/alternative");
        assertThat(raw.indexOf("text/plain")).isLessThan(raw.indexOf("text/html"));
    }

    @Test
    void dateIsTheGivenInstant() throws Exception {
        assertThat(build(message(Map.of())).getSentDate().toInstant()).isEqualTo(Instant.parse("2026-01-02T03:04:05Z"));
    }

    @Test
    void fromAndDateAreWordedAsJakartaMailWordsThemThoughPreparedOncePerSenderAndSecond() throws Exception {
        String name = "Équipe des nouvelles de la maison, service des abonnements et des lettres";
        Instant at = Instant.parse("2026-01-02T03:04:05.678Z");
        for (int i = 0; i < 2; i++) { // the second message of the same sender and second takes the prepared text
            MimeMessage ours = MimeMessages.build(session, new EmailMessage("m-9@audience.test", name, "news@example.com", null,
                    "a@example.org", "S", "text", null, Map.of()), MimeMessages.recipient("a@example.org"), at.plusMillis(i));
            MimeMessage theirs = new MimeMessage(session);
            theirs.setFrom(new InternetAddress("news@example.com", name, "UTF-8"));
            theirs.setSentDate(java.util.Date.from(at));
            assertThat(ours.getHeader("From")).containsExactly(theirs.getHeader("From"));
            assertThat(ours.getHeader("From")[0]).as("a long encoded name is folded").contains("\r\n");
            assertThat(ours.getHeader("Date")).containsExactly(theirs.getHeader("Date"));
        }
        MimeMessage next = MimeMessages.build(session, message(Map.of()), MimeMessages.recipient("a@example.org"),
                at.plusSeconds(1));
        assertThat(next.getSentDate().toInstant()).isEqualTo(Instant.parse("2026-01-02T03:04:06Z"));
        assertThat(next.getFrom()[0].toString()).isEqualTo("News <news@example.com>");
    }

    @Test
    void extraHeadersMayNotReplaceTheMessageFields() {
        assertThatThrownBy(() -> build(message(Map.of("message-id", "<other@x>"))))
                .isInstanceOf(MessagingException.class).hasMessageContaining("message-id");
        assertThatThrownBy(() -> build(message(Map.of("Bad Name", "x"))))
                .isInstanceOf(MessagingException.class).hasMessageContaining("invalid header name");
    }

    @Test
    void nonAsciiHeaderValuesAreEncoded() throws Exception {
        MimeMessage mime = build(message(Map.of("X-Campaign", "Été")));

        assertThat(mime.getHeader("X-Campaign")[0]).startsWith("=?UTF-8?").doesNotContain("É");
    }

    @Test
    void recipientsAreParsedStrictly() {
        assertThatThrownBy(() -> MimeMessages.recipient("no-domain")).isInstanceOf(AddressException.class);
        assertThatThrownBy(() -> MimeMessages.recipient("two words@example.org")).isInstanceOf(AddressException.class);
    }

    @Test
    void messageIdsThatWouldBreakTheHeaderAreRefused() {
        EmailMessage bad = new EmailMessage("<already@bracketed>", null, "news@example.com", null, "a@example.org",
                "s", "t", null, Map.of());

        assertThatThrownBy(() -> build(bad)).isInstanceOf(MessagingException.class).hasMessageContaining("message id");
    }

    @Test
    void textAndHtmlSurviveAParser() throws Exception {
        String text = "Grüße, Ada\nsee you ";
        String html = "<p>Été &amp; 日本</p>\n<p>=_ not a boundary</p>";
        MimeMessage parsed = parse(raw(build(new EmailMessage("m-2@audience.test", "News", "news@example.com", null,
                "a@example.org", "Subject", text, html, Map.of()))));

        MimeMultipart parts = (MimeMultipart) parsed.getContent();
        assertThat(parts.getCount()).isEqualTo(2);
        assertThat(parts.getBodyPart(0).getContentType()).startsWith("text/plain; charset=UTF-8");
        assertThat(lf(parts.getBodyPart(0).getContent())).isEqualTo(text);
        assertThat(parts.getBodyPart(1).getContentType()).startsWith("text/html; charset=UTF-8");
        assertThat(lf(parts.getBodyPart(1).getContent())).isEqualTo(html);
    }

    @Test
    void asciiTextIsSentAsItIsWithCrlfLineBreaks() throws Exception {
        String raw = raw(build(new EmailMessage("m-3@audience.test", null, "news@example.com", null, "a@example.org",
                "Subject", "Hi Ada,\nline two\n", null, Map.of())));

        assertThat(raw).contains("Content-Type: text/plain; charset=UTF-8\r\n").contains("Content-Transfer-Encoding: 7bit\r\n")
                .endsWith("\r\n\r\nHi Ada,\r\nline two\r\n");
    }

    @Test
    void textThatCouldEndTheMultipartOrBreakALineIsQuoted() throws Exception {
        String text = "--=_audience.1--\n" + "x".repeat(1200);
        MimeMessage parsed = parse(raw(build(new EmailMessage("m-4@audience.test", null, "news@example.com", null,
                "a@example.org", "Subject", text, "<p>html</p>", Map.of()))));

        MimeMultipart parts = (MimeMultipart) parsed.getContent();
        assertThat(parts.getCount()).isEqualTo(2);
        assertThat(parts.getBodyPart(0).getHeader("Content-Transfer-Encoding")).containsExactly("quoted-printable");
        assertThat(lf(parts.getBodyPart(0).getContent())).isEqualTo(text);
        assertThat(lf(parts.getBodyPart(1).getContent())).isEqualTo("<p>html</p>");
    }

    private MimeMessage parse(String raw) throws MessagingException {
        return new MimeMessage(session, new ByteArrayInputStream(raw.getBytes(StandardCharsets.UTF_8)));
    }

    private static String lf(Object content) {
        return ((String) content).replace("\r\n", "\n");
    }

    private MimeMessage build(EmailMessage m) throws MessagingException {
        InternetAddress to = MimeMessages.recipient(m.to());
        return MimeMessages.build(session, m, to, Instant.parse("2026-01-02T03:04:05Z"));
    }

    private static EmailMessage message(Map<String, String> headers) {
        return new EmailMessage("m-1@audience.test", "News", "news@example.com", null, "a@example.org",
                "Subject", "text", "<p>html</p>", headers);
    }

    private static String raw(MimeMessage mime) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        mime.writeTo(out);
        return out.toString(StandardCharsets.UTF_8);
    }
}
