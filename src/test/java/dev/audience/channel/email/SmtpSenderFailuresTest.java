package dev.audience.channel.email;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What the sender reports, and what it does with its connection, when the relay refuses or breaks. Every case
 * runs against a relay without PIPELINING here and against one that offers it in {@link SmtpSenderPipeliningTest}.
 */
class SmtpSenderFailuresTest {
    ScriptedSmtpServer server;
    SmtpSender sender;

    /** Whether the relay offers PIPELINING (RFC 2920). */
    boolean pipelining() {
        return false;
    }

    @BeforeEach
    void start() throws IOException {
        server = new ScriptedSmtpServer(pipelining());
        sender = new SmtpSender(settings(server.port(), Duration.ofSeconds(5)));
    }

    @AfterEach
    void stop() throws IOException {
        sender.close();
        server.close();
    }

    @Test
    void aSendAfterCloseIsATemporaryFailureNotAnException() {
        assertThat(sender.send(message("a@example.org"))).isInstanceOf(SmtpOutcome.Delivered.class);
        sender.close();
        assertThat(sender.send(message("b@example.org"))).isEqualTo(new SmtpOutcome.TemporaryFailure(SmtpSender.CLOSED));
        assertThat(server.accepted()).hasSize(1);
        assertThat(sender.connectionsOpened()).as("no connection opened after close").isEqualTo(1);
        sender.close(); // idempotent, as the test's own stop() closes it again
    }

    @Test
    void linesStartingWithADotArriveIntact() {
        EmailMessage m = new EmailMessage("id-dots@audience.test", "Sender", "news@example.com", null, "a@example.org",
                "Hello", ".first\nmiddle\n..two\n.", null, Map.of());
        assertThat(sender.send(m)).isInstanceOf(SmtpOutcome.Delivered.class);
        // The relay takes one leading dot off each line; unstuffed, "." alone would have ended the message early.
        assertThat(server.accepted()).singleElement().satisfies(data ->
                assertThat(data).endsWith("\r\n\r\n.first\r\nmiddle\r\n..two\r\n.\r\n"));
    }

    @Test
    void deliveredCarriesTheFinalReply() {
        assertThat(sender.send(message("a@example.org")))
                .isEqualTo(new SmtpOutcome.Delivered("250 2.0.0 queued"));
        assertThat(server.accepted()).hasSize(1);
    }

    @Test
    void theGateIsAskedOnceTheRelayWaitsForTheContent() {
        List<List<String>> seen = new ArrayList<>();

        assertThat(sender.send(message("a@example.org"), () -> seen.add(server.commands())))
                .isInstanceOf(SmtpOutcome.Delivered.class);
        assertThat(seen).hasSize(1);
        assertThat(seen.getFirst()).last().isEqualTo("DATA");
        assertThat(server.accepted()).hasSize(1);
    }

    @Test
    void aClosedGateWithholdsTheContentAndTheConnection() {
        assertThat(sender.send(message("a@example.org"), () -> false))
                .isEqualTo(new SmtpOutcome.TemporaryFailure("not sent: withheld before its content went out"));
        assertThat(server.accepted()).isEmpty();
        assertThat(server.commands()).doesNotContain(".");

        // The connection was left in the data phase: it is not reused.
        assertThat(sender.send(message("b@example.org"))).isInstanceOf(SmtpOutcome.Delivered.class);
        assertThat(server.connections()).isEqualTo(2);
        assertThat(server.accepted()).hasSize(1);
    }

    @ParameterizedTest
    @ValueSource(strings = {"RCPT", "DATA", "."})
    void a451IsTemporaryAndTheConnectionIsKept(String verb) {
        server.replyOnce(verb, "451 4.3.0 try again later");

        assertThat(sender.send(message("a@example.org")))
                .isEqualTo(new SmtpOutcome.TemporaryFailure("451 4.3.0 try again later"));
        assertThat(sender.send(message("b@example.org"))).isInstanceOf(SmtpOutcome.Delivered.class);

        // The refusal was cleared with RSET and the same connection carried the next message.
        assertThat(server.connections()).isEqualTo(1);
        assertThat(sender.connectionsOpened()).isEqualTo(1);
        assertThat(server.commands()).contains("RSET");
        assertThat(server.accepted()).hasSize(1);
    }

    @Test
    void unknownUserIsPermanentAndTheMailboxIsUnavailable() {
        server.replyOnce("RCPT", "550 5.1.1 <gone@example.org>: user unknown");

        assertThat(sender.send(message("gone@example.org"))).isEqualTo(
                new SmtpOutcome.PermanentFailure("550 5.1.1 <gone@example.org>: user unknown", true));
        assertThat(sender.send(message("b@example.org"))).isInstanceOf(SmtpOutcome.Delivered.class);
        assertThat(server.connections()).isEqualTo(1);
    }

    @Test
    void policyRejectionIsPermanentButTheMailboxIsFine() {
        server.replyOnce(".", "554 5.7.1 message rejected by policy");

        assertThat(sender.send(message("a@example.org"))).isEqualTo(
                new SmtpOutcome.PermanentFailure("554 5.7.1 message rejected by policy", false));
    }

    @Test
    void rejectedSenderIsNotTheRecipientsFault() {
        server.replyOnce("MAIL", "553 5.1.8 sender domain does not exist");

        assertThat(sender.send(message("a@example.org"))).isEqualTo(
                new SmtpOutcome.PermanentFailure("553 5.1.8 sender domain does not exist", false));
    }

    @Test
    void spamBlockWith550IsNotADeadMailbox() {
        server.replyOnce(".", "550 5.7.1 message looks like spam");

        assertThat(sender.send(message("a@example.org"))).isEqualTo(
                new SmtpOutcome.PermanentFailure("550 5.7.1 message looks like spam", false));
    }

    /** Once the final dot went out, a lost reply means the relay may have the message: not retried. */
    @Test
    void droppedAfterTheFinalDotIsUnknownNotRetried() {
        server.replyOnce(".", ScriptedSmtpServer.DROP);

        SmtpOutcome first = sender.send(message("a@example.org"));
        assertThat(first).isInstanceOf(SmtpOutcome.Unknown.class);
        assertThat(((SmtpOutcome.Unknown) first).reason()).contains("may have been delivered");
        assertThat(sender.send(message("b@example.org"))).isInstanceOf(SmtpOutcome.Delivered.class);
        assertThat(server.connections()).isEqualTo(2);
    }

    @ParameterizedTest
    @ValueSource(strings = {"MAIL", "RCPT", "DATA"})
    void droppedMidTransactionIsTemporaryAndTheNextSendReconnects(String verb) {
        server.replyOnce(verb, ScriptedSmtpServer.DROP);

        SmtpOutcome first = sender.send(message("a@example.org"));
        assertThat(first).isInstanceOf(SmtpOutcome.TemporaryFailure.class);
        assertThat(((SmtpOutcome.TemporaryFailure) first).reply()).startsWith("SMTP connection failed: ");

        assertThat(sender.send(message("b@example.org"))).isInstanceOf(SmtpOutcome.Delivered.class);
        assertThat(server.connections()).isEqualTo(2);
        assertThat(sender.connectionsOpened()).isEqualTo(2);
        assertThat(server.accepted()).hasSize(1);
    }

    @Test
    void serviceClosingIsTemporaryAndTheConnectionIsReplaced() {
        server.replyOnce("MAIL", "421 4.3.2 service shutting down");
        server.replyOnce("RSET", ScriptedSmtpServer.DROP);

        assertThat(sender.send(message("a@example.org")))
                .isEqualTo(new SmtpOutcome.TemporaryFailure("421 4.3.2 service shutting down"));
        assertThat(sender.send(message("b@example.org"))).isInstanceOf(SmtpOutcome.Delivered.class);
        assertThat(server.connections()).isEqualTo(2);
    }

    @Test
    void aSilentServerTimesOutAsTemporary() throws IOException {
        try (SmtpSender impatient = new SmtpSender(settings(server.port(), Duration.ofMillis(300)))) {
            server.replyOnce("DATA", ScriptedSmtpServer.SILENT);

            SmtpOutcome first = impatient.send(message("a@example.org"));
            assertThat(first).isInstanceOf(SmtpOutcome.TemporaryFailure.class);
            assertThat(((SmtpOutcome.TemporaryFailure) first).reply()).contains("timed out");

            assertThat(impatient.send(message("b@example.org"))).isInstanceOf(SmtpOutcome.Delivered.class);
            assertThat(impatient.connectionsOpened()).isEqualTo(2);
        }
    }

    @Test
    void connectionRefusedIsTemporary() throws IOException {
        int port;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort();
        }
        try (SmtpSender nowhere = new SmtpSender(settings(port, Duration.ofSeconds(2)))) {
            SmtpOutcome outcome = nowhere.send(message("a@example.org"));

            assertThat(outcome).isInstanceOf(SmtpOutcome.TemporaryFailure.class);
            assertThat(((SmtpOutcome.TemporaryFailure) outcome).reply())
                    .startsWith("cannot connect to SMTP relay 127.0.0.1:" + port + ": ")
                    .contains("Connection refused");
            assertThat(nowhere.connectionsOpened()).isZero();
        }
    }

    @Test
    void anIdleConnectionTheServerClosedIsReplacedBeforeUse() throws IOException {
        try (SmtpSender probing = new SmtpSender(settings(server.port(), Duration.ofSeconds(5)), Duration.ZERO)) {
            assertThat(probing.send(message("a@example.org"))).isInstanceOf(SmtpOutcome.Delivered.class);
            server.dropConnections();

            assertThat(probing.send(message("b@example.org"))).isInstanceOf(SmtpOutcome.Delivered.class);
            assertThat(probing.connectionsOpened()).isEqualTo(2);
            assertThat(server.accepted()).hasSize(2);
        }
    }

    @Test
    void anUnparseableRecipientIsADeadMailboxWithoutTouchingTheNetwork() {
        SmtpOutcome outcome = sender.send(message("not an address"));

        assertThat(outcome).isInstanceOf(SmtpOutcome.PermanentFailure.class);
        assertThat(((SmtpOutcome.PermanentFailure) outcome).mailboxUnavailable()).isTrue();
        assertThat(server.connections()).isZero();
    }

    @Test
    void aHeaderWithALineBreakIsRefusedBeforeSending() {
        EmailMessage injected = new EmailMessage("id-1@test", "Sender", "news@example.com", null, "a@example.org",
                "Hi", "text", null, Map.of("X-Tag", "a\r\nBcc: victim@example.org"));

        SmtpOutcome outcome = sender.send(injected);

        assertThat(outcome).isInstanceOf(SmtpOutcome.PermanentFailure.class);
        assertThat(((SmtpOutcome.PermanentFailure) outcome).mailboxUnavailable()).isFalse();
        assertThat(server.connections()).isZero();
    }

    static SmtpSettings settings(int port, Duration timeout) {
        return new SmtpSettings("127.0.0.1", port, SmtpSettings.Tls.NONE, Optional.empty(), Optional.empty(),
                1, timeout);
    }

    static EmailMessage message(String to) {
        return new EmailMessage("id-" + to.replace('@', '.') + "@audience.test", "Sender", "news@example.com", null, to,
                "Hello", "Plain text body", null, Map.of());
    }
}
