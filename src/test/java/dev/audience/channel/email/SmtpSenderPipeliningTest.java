package dev.audience.channel.email;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The same failures as {@link SmtpSenderFailuresTest}, against a relay that offers PIPELINING: the envelope
 * (MAIL FROM, RCPT TO, DATA) goes out in one write, and every refusal and broken connection is reported as
 * without pipelining.
 */
class SmtpSenderPipeliningTest extends SmtpSenderFailuresTest {
    @Override
    boolean pipelining() {
        return true;
    }

    @Test
    void theEnvelopeGoesOutWithoutWaitingForReplies() {
        assertThat(sender.send(message("a@example.org"))).isInstanceOf(SmtpOutcome.Delivered.class);
        assertThat(sender.send(message("b@example.org"))).isInstanceOf(SmtpOutcome.Delivered.class);

        assertThat(server.pipelined()).containsExactly("RCPT TO:<a@example.org>", "DATA", "RCPT TO:<b@example.org>", "DATA");
        assertThat(server.accepted()).hasSize(2);
    }

    @Test
    void aRelayThatTakesDataAfterARefusedRecipientIsKeptInStep() {
        server.replyOnce("RCPT", "550 5.1.1 <gone@example.org>: user unknown");
        server.reply("DATA", "354 go ahead"); // a sloppy relay: DATA taken although no recipient was
        server.replyOnce(".", "554 5.5.1 no valid recipients");

        assertThat(sender.send(message("gone@example.org"))).isEqualTo(
                new SmtpOutcome.PermanentFailure("550 5.1.1 <gone@example.org>: user unknown", true));
        assertThat(sender.send(message("b@example.org"))).isEqualTo(new SmtpOutcome.Delivered("250 2.0.0 queued"));
        assertThat(server.connections()).isEqualTo(1);
        assertThat(server.accepted()).hasSize(1);
    }
}
