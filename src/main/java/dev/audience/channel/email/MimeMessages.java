package dev.audience.channel.email;

import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MailDateFormat;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeUtility;

import java.io.UnsupportedEncodingException;
import java.security.SecureRandom;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Date;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Pattern;

/**
 * Builds the MIME form of an {@link EmailMessage}, apart from any connection, so that a message that cannot
 * be expressed (a malformed address, a header with a line break) fails before it uses up a rate-limit permit
 * or a connection.
 *
 * <p>Why it looks the way it does: names and subjects are UTF-8 encoded words, so non-ASCII survives any
 * relay; an HTML message is {@code multipart/alternative} with the plain text first, because clients show
 * the <em>last</em> part they understand; and the Message-ID is exactly {@code <messageId>}: Jakarta Mail
 * would otherwise invent a new one on every {@code saveChanges()}, and the ledger relies on a retry carrying
 * the same Message-ID. The body is encoded here, once ({@link EncodedBody}), not by Jakarta Mail's
 * DataHandler, which cost more CPU per message than the rest of the send.
 */
final class MimeMessages {
    private static final String UTF_8 = StandardCharsets.UTF_8.name();

    /** Headers that come from the message's own fields; an extra header must not silently replace them. */
    private static final Set<String> RESERVED = Set.of("message-id", "from", "sender", "to", "cc", "bcc",
            "reply-to", "subject", "date", "mime-version", "content-type", "content-transfer-encoding");

    /** RFC 5322 field name: printable ASCII except the colon. */
    private static final Pattern FIELD_NAME = Pattern.compile("[\\x21-\\x39\\x3B-\\x7E]+");

    /** What may sit between the angle brackets of a Message-ID without breaking the header. */
    private static final Pattern MESSAGE_ID = Pattern.compile("[\\x21-\\x3B\\x3D\\x3F-\\x7E]+");

    /** Counts multipart boundaries, from a random start so that two processes' boundaries differ too. */
    private static final AtomicLong BOUNDARIES = new AtomicLong(new SecureRandom().nextLong() >>> 1);

    private MimeMessages() {
    }

    /**
     * The envelope and header recipient. Parsed strictly: an address that fails here can never be delivered,
     * so the caller reports it as a dead mailbox rather than retrying.
     */
    static InternetAddress recipient(String to) throws AddressException {
        return strict(to);
    }

    /** The complete message, headers saved, ready for {@code Transport.sendMessage}. */
    static MimeMessage build(Session session, EmailMessage m, InternetAddress to, Instant now)
            throws MessagingException {
        if (!MESSAGE_ID.matcher(m.messageId()).matches()) {
            throw new MessagingException("message id must be printable ASCII without spaces or angle brackets: "
                    + m.messageId());
        }
        MimeMessage mime = new PreparedMimeMessage(session, "<" + m.messageId() + ">",
                EncodedBody.of(m.text(), m.html(), boundary()));
        mime.setHeader("From", fromHeader(m));
        mime.setRecipient(MimeMessage.RecipientType.TO, to);
        if (m.replyTo() != null && !m.replyTo().isBlank()) {
            mime.setReplyTo(new InternetAddress[]{strict(m.replyTo())});
        }
        mime.setSubject(m.subject(), UTF_8);
        mime.setHeader("Date", dateHeader(now));
        for (Map.Entry<String, String> header : m.headers().entrySet()) {
            addHeader(mime, header.getKey(), header.getValue());
        }
        mime.saveChanges();
        return mime;
    }

    /** A campaign's From, as the header's text, by (address, name): every message of a campaign has the same. */
    private record From(String email, String name) {}

    private static final java.util.concurrent.ConcurrentHashMap<From, String> FROM_HEADERS = new java.util.concurrent.ConcurrentHashMap<>();

    /** The From header's text, parsed, checked and encoded once per sender rather than once per message. */
    private static String fromHeader(EmailMessage m) throws MessagingException {
        From key = new From(m.fromEmail(), m.fromName());
        String header = FROM_HEADERS.get(key);
        if (header != null) return header;
        header = InternetAddress.toString(new jakarta.mail.Address[]{sender(m)}, "From: ".length()); // as setFrom words and folds it
        if (FROM_HEADERS.size() >= 1_000) FROM_HEADERS.clear(); // a bound, not an eviction policy: senders are few
        FROM_HEADERS.put(key, header);
        return header;
    }

    /** The Date header of one second (the header has seconds): formatted once per second. */
    private record DateHeader(long second, String text) {}

    private static volatile DateHeader lastDate = new DateHeader(Long.MIN_VALUE, "");

    /**
     * The Date header's text, as Jakarta Mail writes it (MailDateFormat), formatted once per second: its
     * setSentDate formats every message under one lock that all sending threads share.
     */
    private static String dateHeader(Instant now) {
        long second = now.getEpochSecond();
        DateHeader last = lastDate;
        if (last.second() == second) return last.text();
        String text = new MailDateFormat().format(Date.from(Instant.ofEpochSecond(second)));
        lastDate = new DateHeader(second, text);
        return text;
    }

    private static InternetAddress sender(EmailMessage m) throws MessagingException {
        InternetAddress from = strict(m.fromEmail());
        String name = m.fromName();
        if (name == null || name.isBlank()) return from;
        try {
            return new InternetAddress(from.getAddress(), name.strip(), UTF_8);
        } catch (UnsupportedEncodingException e) {
            throw new IllegalStateException("UTF-8 is always supported", e);
        }
    }

    private static InternetAddress strict(String address) throws AddressException {
        InternetAddress parsed = new InternetAddress(address.strip(), true);
        parsed.validate();
        return parsed;
    }

    /**
     * Adds one extra header. Names must be valid field names and values must not contain line breaks
     * (header injection); non-ASCII values become encoded words, and long values are folded at spaces.
     */
    private static void addHeader(MimeMessage mime, String name, String value) throws MessagingException {
        if (name == null || !FIELD_NAME.matcher(name).matches()) {
            throw new MessagingException("invalid header name: " + name);
        }
        if (RESERVED.contains(name.toLowerCase(Locale.ROOT))) {
            throw new MessagingException("header " + name + " is set from the message fields, not as an extra header");
        }
        if (value == null || value.indexOf('\r') >= 0 || value.indexOf('\n') >= 0) {
            throw new MessagingException("header " + name + " has no value or contains a line break");
        }
        String encoded;
        try {
            encoded = MimeUtility.encodeText(value, UTF_8, null);
        } catch (UnsupportedEncodingException e) {
            throw new IllegalStateException("UTF-8 is always supported", e);
        }
        mime.setHeader(name, MimeUtility.fold(name.length() + 2, encoded));
    }

    /** A multipart boundary no other message of this process uses; "=_" never occurs in quoted-printable text. */
    private static String boundary() {
        return "=_audience." + Long.toHexString(BOUNDARIES.incrementAndGet());
    }
}
