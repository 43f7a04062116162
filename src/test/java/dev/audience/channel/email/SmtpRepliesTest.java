package dev.audience.channel.email;

import jakarta.mail.MessagingException;
import jakarta.mail.SendFailedException;
import jakarta.mail.internet.InternetAddress;
import org.eclipse.angus.mail.smtp.SMTPAddressFailedException;
import org.eclipse.angus.mail.smtp.SMTPSendFailedException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.net.SocketTimeoutException;

import static org.assertj.core.api.Assertions.assertThat;

/** The classification rules, fed the exception shapes Jakarta Mail produces. */
class SmtpRepliesTest {

    @ParameterizedTest(name = "{0} to {1} -> dead mailbox: {2}")
    @CsvSource(delimiter = '|', textBlock = """
            550 5.1.1 user unknown                 | RCPT TO:<a@b.c> | true
            550 mailbox unavailable                | RCPT TO:<a@b.c> | true
            551 user not local                     | RCPT TO:<a@b.c> | true
            553 mailbox name not allowed           | RCPT TO:<a@b.c> | true
            554 5.1.2 bad destination domain       | RCPT TO:<a@b.c> | true
            550 5.1.1 user unknown                 | .               | true
            550 5.2.1 mailbox disabled             | RCPT TO:<a@b.c> | true
            552 5.2.2 mailbox full                 | RCPT TO:<a@b.c> | false
            554 5.7.1 rejected by policy           | .               | false
            550 5.7.1 looks like spam              | .               | false
            554 transaction failed                 | .               | false
            553 5.1.8 sender domain does not exist | MAIL FROM:<x@y> | false
            550 sender rejected                    | MAIL FROM:<x@y> | false
            451 4.1.1 try later                    | RCPT TO:<a@b.c> | false
            """)
    void mailboxUnavailable(String reply, String command, boolean dead) {
        int code = Integer.parseInt(reply.substring(0, 3));
        assertThat(SmtpReplies.mailboxUnavailable(new SmtpReplies.Reply(code, reply, command))).isEqualTo(dead);
    }

    @Test
    void refusedRecipientIsFoundInsideSendFailedException() throws Exception {
        var rcpt = new SMTPAddressFailedException(new InternetAddress("gone@example.org"), "RCPT TO:<gone@example.org>",
                550, "550 5.1.1 user unknown\n");
        var outer = new SendFailedException("Invalid Addresses", rcpt);

        assertThat(SmtpReplies.classify(outer))
                .isEqualTo(new SmtpOutcome.PermanentFailure("550 5.1.1 user unknown", true));
    }

    @Test
    void deferredDataIsTemporaryWithTheReplyText() {
        var data = new SMTPSendFailedException(".", 452, "452 4.3.1 insufficient storage", null, null, null, null);

        assertThat(SmtpReplies.classify(data))
                .isEqualTo(new SmtpOutcome.TemporaryFailure("452 4.3.1 insufficient storage"));
    }

    @Test
    void endOfStreamIsAConnectionFailureNotAReply() {
        var eof = new SMTPSendFailedException("DATA", -1, "[EOF]", null, null, null, null);

        assertThat(SmtpReplies.reply(eof)).isEmpty();
        assertThat(SmtpReplies.classify(eof)).isEqualTo(new SmtpOutcome.TemporaryFailure(
                "SMTP connection failed: server closed the connection ([EOF])"));
    }

    @Test
    void aTimeoutSaysSo() {
        var e = new MessagingException("Exception reading response", new SocketTimeoutException("Read timed out"));

        assertThat(SmtpReplies.classify(e)).isEqualTo(new SmtpOutcome.TemporaryFailure(
                "SMTP connection failed: Exception reading response (SocketTimeoutException: Read timed out)"));
    }
}
