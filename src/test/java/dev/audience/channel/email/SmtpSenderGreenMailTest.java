package dev.audience.channel.email;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.Message;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import jakarta.mail.internet.MimeUtility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

/** Messages sent through a real SMTP server (GreenMail) arrive whole and exactly as built. */
class SmtpSenderGreenMailTest {
    private GreenMail greenMail;

    @BeforeEach
    void start() {
        greenMail = new GreenMail(new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP).dynamicPort());
        greenMail.start();
    }

    @AfterEach
    void stop() {
        greenMail.stop();
    }

    @Test
    void textAndHtmlMessageArrivesWithEveryHeader() throws Exception {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("List-Unsubscribe", "<https://audience.example/u/abc123>, <mailto:unsubscribe@audience.example?subject=abc123>");
        headers.put("List-Unsubscribe-Post", "List-Unsubscribe=One-Click");
        headers.put("X-Campaign", "spring-sale");
        EmailMessage m = new EmailMessage("c7-r42.1700000000@audience.example", "Zoë from Café Ørsted",
                "news@audience.example", "support@audience.example", "reader@example.org",
                "Grüße, Zoë – ça va? ✓", "Hallo Zoë,\nplain text here.", "<p>Hallo <b>Zoë</b></p>", headers);

        try (SmtpSender sender = sender(1)) {
            SmtpOutcome outcome = sender.send(m);
            assertThat(outcome).isInstanceOf(SmtpOutcome.Delivered.class);
            assertThat(((SmtpOutcome.Delivered) outcome).reply()).startsWith("250");
        }

        assertThat(greenMail.waitForIncomingEmail(5_000, 1)).isTrue();
        MimeMessage received = greenMail.getReceivedMessages()[0];
        InternetAddress from = (InternetAddress) received.getFrom()[0];
        assertThat(from.getPersonal()).isEqualTo("Zoë from Café Ørsted");
        assertThat(from.getAddress()).isEqualTo("news@audience.example");
        assertThat(received.getHeader("From")[0]).startsWith("=?UTF-8?");
        assertThat(addresses(received.getRecipients(Message.RecipientType.TO))).containsExactly("reader@example.org");
        assertThat(addresses(received.getReplyTo())).containsExactly("support@audience.example");
        assertThat(received.getSubject()).isEqualTo("Grüße, Zoë – ça va? ✓");
        assertThat(received.getHeader("Subject")[0]).startsWith("=?UTF-8?");
        assertThat(received.getHeader("Message-ID")).containsExactly("<c7-r42.1700000000@audience.example>");
        // Long values are folded onto continuation lines; unfolded they are exactly what was given.
        assertThat(MimeUtility.unfold(received.getHeader("List-Unsubscribe", null)))
                .isEqualTo(headers.get("List-Unsubscribe"));
        assertThat(received.getHeader("List-Unsubscribe-Post")).containsExactly("List-Unsubscribe=One-Click");
        assertThat(received.getHeader("X-Campaign")).containsExactly("spring-sale");
        assertThat(received.getSentDate()).isNotNull();

        assertThat(received.isMimeType("multipart/alternative")).isTrue();
        MimeMultipart parts = (MimeMultipart) received.getContent();
        assertThat(parts.getCount()).isEqualTo(2);
        assertThat(parts.getBodyPart(0).isMimeType("text/plain")).isTrue();
        assertThat(parts.getBodyPart(0).getContentType()).containsIgnoringCase("charset=UTF-8");
        assertThat(lf(parts.getBodyPart(0).getContent())).isEqualTo("Hallo Zoë,\nplain text here.");
        assertThat(parts.getBodyPart(1).isMimeType("text/html")).isTrue();
        assertThat(lf(parts.getBodyPart(1).getContent())).isEqualTo("<p>Hallo <b>Zoë</b></p>");
    }

    @Test
    void textOnlyMessageIsPlainText() throws Exception {
        EmailMessage m = new EmailMessage("plain-1@audience.example", null, "news@audience.example", null,
                "reader@example.org", "Plain", "Just text, naïvely.", null, Map.of());

        try (SmtpSender sender = sender(1)) {
            assertThat(sender.send(m)).isInstanceOf(SmtpOutcome.Delivered.class);
        }

        assertThat(greenMail.waitForIncomingEmail(5_000, 1)).isTrue();
        MimeMessage received = greenMail.getReceivedMessages()[0];
        assertThat(received.isMimeType("text/plain")).isTrue();
        assertThat(received.getContentType()).containsIgnoringCase("charset=UTF-8");
        assertThat(lf(received.getContent())).isEqualTo("Just text, naïvely.");
        assertThat(received.getHeader("Reply-To")).isNull();
        assertThat(((InternetAddress) received.getFrom()[0]).getPersonal()).isNull();
        assertThat(received.getHeader("Message-ID")).containsExactly("<plain-1@audience.example>");
    }

    @Test
    void fiftyMessagesFromFourThreadsShareTwoConnections() throws Exception {
        List<EmailMessage> messages = IntStream.range(0, 50)
                .mapToObj(i -> new EmailMessage("bulk-" + i + "@audience.example", "News", "news@audience.example",
                        null, "reader" + i + "@example.org", "Message " + i, "Body " + i, "<p>Body " + i + "</p>",
                        Map.of("List-Unsubscribe", "<https://audience.example/u/" + i + ">")))
                .toList();

        List<SmtpOutcome> outcomes = new ArrayList<>();
        int opened;
        try (SmtpSender sender = sender(2); ExecutorService workers = Executors.newFixedThreadPool(4)) {
            List<Future<SmtpOutcome>> futures = new ArrayList<>();
            for (EmailMessage m : messages) futures.add(workers.submit(() -> sender.send(m)));
            for (Future<SmtpOutcome> f : futures) outcomes.add(f.get());
            opened = sender.connectionsOpened();
        }

        assertThat(outcomes).hasSize(50).allMatch(o -> o instanceof SmtpOutcome.Delivered, "delivered");
        assertThat(opened).isBetween(1, 2);
        assertThat(greenMail.waitForIncomingEmail(10_000, 50)).isTrue();
        List<String> ids = new ArrayList<>();
        for (MimeMessage r : greenMail.getReceivedMessages()) ids.add(r.getHeader("Message-ID")[0]);
        assertThat(ids).containsExactlyInAnyOrderElementsOf(
                messages.stream().map(m -> "<" + m.messageId() + ">").toList());
    }

    private SmtpSender sender(int connections) {
        SmtpSettings settings = new SmtpSettings("127.0.0.1", greenMail.getSmtp().getPort(), SmtpSettings.Tls.NONE,
                Optional.empty(), Optional.empty(), connections, Duration.ofSeconds(5));
        return new SmtpSender(settings);
    }

    private static List<String> addresses(jakarta.mail.Address[] addresses) {
        return Arrays.stream(addresses).map(a -> ((InternetAddress) a).getAddress()).toList();
    }

    private static String lf(Object content) {
        return content.toString().replace("\r\n", "\n").stripTrailing();
    }
}
