package dev.audience.channel.email;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

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

    @Test
    void aLineSendsEachFinalDotWithTheNextEnvelopeAndReportsInOrder() {
        List<String> events = new ArrayList<>();
        try (SmtpSender.Line line = sender.line()) {
            for (String to : List.of("a@example.org", "b@example.org", "c@example.org")) {
                line.send(message(to), () -> events.add("gate " + to), o -> events.add(to + " " + o));
            }
            assertThat(events).as("the last one waits for its reply until the line settles").containsExactly(
                    "gate a@example.org",
                    "a@example.org Delivered[reply=250 2.0.0 queued]", "gate b@example.org",
                    "b@example.org Delivered[reply=250 2.0.0 queued]", "gate c@example.org");
        }
        assertThat(events).last().isEqualTo("c@example.org Delivered[reply=250 2.0.0 queued]");
        assertThat(server.accepted()).hasSize(3);
        assertThat(server.connections()).isEqualTo(1);
        assertThat(server.pipelined()).as("the dots of a and b went with the envelopes of b and c").containsExactly(
                "RCPT TO:<a@example.org>", "DATA",
                "MAIL FROM:<news@example.com>", "RCPT TO:<b@example.org>", "DATA",
                "MAIL FROM:<news@example.com>", "RCPT TO:<c@example.org>", "DATA");
        assertThat(sender.send(message("d@example.org"))).as("the connection went back healthy").isInstanceOf(SmtpOutcome.Delivered.class);
        assertThat(server.connections()).isEqualTo(1);
    }

    @Test
    void settleSendsTheWaitingDotAndReportsItNow() {
        List<SmtpOutcome> outcomes = new ArrayList<>();
        try (SmtpSender.Line line = sender.line()) {
            line.send(message("a@example.org"), () -> true, outcomes::add);
            assertThat(outcomes).isEmpty();
            assertThat(server.accepted()).as("no dot yet").isEmpty();
            line.settle();
            assertThat(outcomes).containsExactly(new SmtpOutcome.Delivered("250 2.0.0 queued"));
            assertThat(server.accepted()).hasSize(1);
        }
        assertThat(outcomes).hasSize(1);
    }

    @Test
    void aRefusedMessageInALineIsReportedForItselfAndTheNextOneGoesOn() {
        server.replyOnce(".", "550 5.1.1 <a@example.org>: user unknown");
        List<String> events = new ArrayList<>();
        try (SmtpSender.Line line = sender.line()) {
            line.send(message("a@example.org"), () -> true, o -> events.add("a " + o));
            line.send(message("b@example.org"), () -> true, o -> events.add("b " + o));
        }
        assertThat(events).containsExactly(
                "a " + new SmtpOutcome.PermanentFailure("550 5.1.1 <a@example.org>: user unknown", true),
                "b " + new SmtpOutcome.Delivered("250 2.0.0 queued"));
        assertThat(server.accepted()).hasSize(1);
        assertThat(server.connections()).isEqualTo(1);
    }

    @Test
    void aConnectionLostAfterADotLeavesThatMessageUnknownAndTheNextOneNotSent() {
        server.replyOnce(".", ScriptedSmtpServer.DROP);
        List<SmtpOutcome> a = new ArrayList<>();
        List<SmtpOutcome> b = new ArrayList<>();
        List<SmtpOutcome> c = new ArrayList<>();
        try (SmtpSender.Line line = sender.line()) {
            line.send(message("a@example.org"), () -> true, a::add);
            line.send(message("b@example.org"), () -> true, b::add);
            line.send(message("c@example.org"), () -> true, c::add);
        }
        assertThat(a).singleElement().isInstanceOf(SmtpOutcome.Unknown.class);
        assertThat(b).as("its envelope went with the dot; its content never did").singleElement()
                .isInstanceOf(SmtpOutcome.TemporaryFailure.class);
        assertThat(c).as("on a new connection").containsExactly(new SmtpOutcome.Delivered("250 2.0.0 queued"));
        assertThat(server.connections()).isEqualTo(2);
        assertThat(server.accepted()).as("c only: the relay dropped instead of confirming a").hasSize(1);
    }

    @Test
    void aClosedGateInALineStillReportsTheMessageBefore() {
        List<String> events = new ArrayList<>();
        try (SmtpSender.Line line = sender.line()) {
            line.send(message("a@example.org"), () -> true, o -> events.add("a " + o));
            line.send(message("b@example.org"), () -> false, o -> events.add("b " + o));
        }
        assertThat(events).containsExactly("a " + new SmtpOutcome.Delivered("250 2.0.0 queued"),
                "b " + new SmtpOutcome.TemporaryFailure("not sent: withheld before its content went out"));
        assertThat(server.accepted()).hasSize(1);
        assertThat(sender.send(message("c@example.org"))).as("the withheld connection was dropped; a new one")
                .isInstanceOf(SmtpOutcome.Delivered.class);
        assertThat(server.connections()).isEqualTo(2);
    }

    @Test
    void aLostReplyAtSettleDropsTheConnectionSoTheNextMessageIsNotBlamed() {
        server.replyOnce(".", ScriptedSmtpServer.DROP);
        List<SmtpOutcome> a = new ArrayList<>();
        List<SmtpOutcome> b = new ArrayList<>();
        try (SmtpSender.Line line = sender.line()) {
            line.send(message("a@example.org"), () -> true, a::add);
            line.settle();
            assertThat(a).singleElement().isInstanceOf(SmtpOutcome.Unknown.class);
            line.send(message("b@example.org"), () -> true, b::add);
        }
        assertThat(b).as("on a fresh connection").containsExactly(new SmtpOutcome.Delivered("250 2.0.0 queued"));
        assertThat(server.connections()).isEqualTo(2);
    }

    @Test
    void aGarbledReplyToADotIsUnknownAndTheLineGoesOnOnAFreshConnection() {
        server.replyOnce(".", "xyz garbled");
        List<SmtpOutcome> outcomes = new ArrayList<>();
        try (SmtpSender.Line line = sender.line()) {
            line.send(message("a@example.org"), () -> true, outcomes::add);
            line.send(message("b@example.org"), () -> true, outcomes::add);
            line.send(message("c@example.org"), () -> true, outcomes::add);
        }
        assertThat(outcomes).hasSize(3);
        assertThat(outcomes.get(0)).isInstanceOf(SmtpOutcome.Unknown.class);
        assertThat(outcomes.get(1)).as("not sent: its envelope went with the garbled dot").isInstanceOf(SmtpOutcome.TemporaryFailure.class);
        assertThat(outcomes.get(2)).isEqualTo(new SmtpOutcome.Delivered("250 2.0.0 queued"));
    }
}
