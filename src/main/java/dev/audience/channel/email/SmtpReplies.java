package dev.audience.channel.email;

import jakarta.mail.AuthenticationFailedException;
import jakarta.mail.MessagingException;
import org.eclipse.angus.mail.smtp.SMTPAddressFailedException;
import org.eclipse.angus.mail.smtp.SMTPSendFailedException;
import org.eclipse.angus.mail.smtp.SMTPSenderFailedException;

import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads what went wrong out of Jakarta Mail's exceptions and turns it into an {@link SmtpOutcome}.
 *
 * <p>Why this is its own class: Jakarta Mail reports a refused recipient, a rejected DATA and a dropped
 * socket through a chain of differently typed exceptions, and the ledger only needs three answers. The
 * rules, in order:
 * <ul>
 *   <li>the first SMTP reply with a 4xx code anywhere in the chain: a {@link SmtpOutcome.TemporaryFailure}
 *       carrying the server's reply;</li>
 *   <li>a 5xx code: a {@link SmtpOutcome.PermanentFailure}; see {@link #mailboxUnavailable} for when it
 *       marks the address itself as dead;</li>
 *   <li>no reply code at all (refused, reset or timed-out connection, end of stream): a temporary failure
 *       with a readable reason. The connection is then unusable and must be discarded.</li>
 * </ul>
 */
final class SmtpReplies {
    /** An enhanced status code (RFC 3463) at the start of the reply text, after the basic code. */
    private static final Pattern ENHANCED = Pattern.compile("^(?:\\d{3}[ -])?\\s*([245])\\.(\\d{1,3})\\.(\\d{1,3})(?=\\s|$)");

    /** How far down a cause chain to look; Jakarta Mail chains are short, this only guards against cycles. */
    private static final int MAX_DEPTH = 16;

    private SmtpReplies() {
    }

    /** One SMTP reply that failed a command: its basic code, full text (code included) and the command. */
    record Reply(int code, String text, String command) {
        boolean transientCode() {
            return code >= 400 && code <= 499;
        }

        boolean permanentCode() {
            return code >= 500 && code <= 599;
        }
    }

    /** The outcome of a failed {@code sendMessage}. */
    static SmtpOutcome classify(MessagingException e) {
        Optional<Reply> reply = reply(e);
        if (reply.isEmpty()) {
            String why = closedByServer(e) ? "server closed the connection (" + describe(e) + ")" : describe(e);
            return new SmtpOutcome.TemporaryFailure("SMTP connection failed: " + why);
        }
        Reply r = reply.get();
        return r.transientCode()
                ? new SmtpOutcome.TemporaryFailure(r.text())
                : new SmtpOutcome.PermanentFailure(r.text(), mailboxUnavailable(r));
    }

    /**
     * The outcome when no connection could be opened. Always temporary: the message itself was never
     * offered to the relay, whatever the relay thinks of us right now (even a failed login) says nothing
     * about this message or its recipient.
     */
    static SmtpOutcome connectFailure(String host, int port, MessagingException e) {
        String what = e instanceof AuthenticationFailedException ? "SMTP login to " : "cannot connect to SMTP relay ";
        return new SmtpOutcome.TemporaryFailure(what + host + ":" + port + ": " + describe(e));
    }

    /**
     * The first 4xx or 5xx reply in the exception chain. A reply outside those classes (Jakarta Mail uses
     * -1 for end of stream) means the conversation broke rather than that the server refused something.
     */
    static Optional<Reply> reply(Throwable e) {
        Throwable t = e;
        for (int depth = 0; t != null && depth < MAX_DEPTH; depth++, t = t.getCause()) {
            Reply r = switch (t) {
                case SMTPAddressFailedException a -> reply(a.getReturnCode(), a.getMessage(), a.getCommand());
                case SMTPSendFailedException s -> reply(s.getReturnCode(), s.getMessage(), s.getCommand());
                case SMTPSenderFailedException s -> reply(s.getReturnCode(), s.getMessage(), s.getCommand());
                default -> null;
            };
            if (r != null && (r.transientCode() || r.permanentCode())) return Optional.of(r);
        }
        return Optional.empty();
    }

    /** Jakarta Mail reports end of stream as a "reply" with code -1 instead of an exception of its own. */
    private static boolean closedByServer(Throwable e) {
        Throwable t = e;
        for (int depth = 0; t != null && depth < MAX_DEPTH; depth++, t = t.getCause()) {
            int code = switch (t) {
                case SMTPAddressFailedException a -> a.getReturnCode();
                case SMTPSendFailedException s -> s.getReturnCode();
                case SMTPSenderFailedException s -> s.getReturnCode();
                default -> 0;
            };
            if (code == -1) return true;
        }
        return false;
    }

    private static Reply reply(int code, String message, String command) {
        String text = message == null ? "" : message.strip();
        if (!text.startsWith(Integer.toString(code))) text = (code + " " + text).strip();
        return new Reply(code, text, command == null ? "" : command);
    }

    /**
     * Whether a permanent failure says the recipient's address itself is dead, so later campaigns should skip
     * it. A rejection of our own sender (MAIL FROM) never does. Otherwise an enhanced status code decides
     * when it is specific: 5.1.x (addressing: unknown user, bad domain) means dead; 5.3.x to 5.7.x (mail
     * system, routing, protocol, content, policy) means the message was refused, not the mailbox, so that a
     * spam or policy block ("550 5.7.1") does not unsubscribe a real person. Without a specific enhanced
     * code, the basic codes 550 (mailbox unavailable), 551 (user not local) and 553 (mailbox name not
     * allowed) mean dead.
     */
    static boolean mailboxUnavailable(Reply r) {
        if (!r.permanentCode()) return false;
        if (r.command().toUpperCase(Locale.ROOT).startsWith("MAIL")) return false;
        Matcher m = ENHANCED.matcher(firstLine(r.text()));
        if (m.find() && m.group(1).equals("5")) {
            int subject = Integer.parseInt(m.group(2));
            if (subject == 1) return true;
            if (subject >= 3) return false;
        }
        return r.code() == 550 || r.code() == 551 || r.code() == 553;
    }

    /** A one-line reason: the outermost message plus the root cause, e.g. "... (ConnectException: refused)". */
    static String describe(Throwable e) {
        Throwable root = e;
        for (int depth = 0; root.getCause() != null && root.getCause() != root && depth < MAX_DEPTH; depth++) {
            root = root.getCause();
        }
        String top = message(e);
        if (root == e) return top;
        return top + " (" + root.getClass().getSimpleName() + ": " + message(root) + ")";
    }

    private static String message(Throwable t) {
        String m = t.getMessage();
        return m == null || m.isBlank() ? t.getClass().getSimpleName() : firstLine(m.strip());
    }

    private static String firstLine(String s) {
        int nl = s.indexOf('\n');
        return (nl < 0 ? s : s.substring(0, nl)).strip();
    }
}
