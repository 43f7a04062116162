package dev.audience.delivery.tracking;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.Optional;

/**
 * Signs short payloads into URL-safe tokens with HMAC-SHA256 and a server secret, so that links in emails
 * (clicks, opens, unsubscribes) can carry their own data and the server can trust it when they come back,
 * without storing a token per link.
 *
 * <p>A token is {@code base64url(payload) + "." + base64url(mac)}, without padding. The payload is readable by
 * anyone holding the link: sign identifiers, never secrets. {@link #verify} accepts exactly the tokens
 * {@link #sign} produces: any other spelling of the same bytes is refused, so a token cannot be varied.
 * Tokens do not expire; changing the secret invalidates every link already sent.
 */
public final class Signer {
    /** Shortest secret accepted; 32 random bytes are recommended. */
    public static final int MIN_SECRET_BYTES = 16;
    /** Longer tokens are refused unread, so a huge "token" costs nothing to reject. */
    public static final int MAX_TOKEN_CHARS = 16 * 1024;
    private static final String ALGORITHM = "HmacSHA256";
    private static final int MAC_BYTES = 32;
    private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder DECODER = Base64.getUrlDecoder();

    private final SecretKeySpec key;
    /**
     * One initialised Mac per thread: looking the algorithm up and keying it for every token cost more than the
     * MAC itself, once per email sent (the unsubscribe link). Mac is not thread-safe, hence one per thread.
     */
    private final ThreadLocal<Mac> macs = ThreadLocal.withInitial(this::newMac);

    public Signer(byte[] secret) {
        if (secret == null || secret.length < MIN_SECRET_BYTES) {
            throw new IllegalArgumentException("the signing secret must be at least " + MIN_SECRET_BYTES + " bytes");
        }
        this.key = new SecretKeySpec(secret.clone(), ALGORITHM);
        mac(new byte[0]);
    }

    /** A token carrying {@code payload} (any text, UTF-8) that only this secret can produce. */
    public String sign(String payload) {
        byte[] bytes = payload.getBytes(StandardCharsets.UTF_8);
        return ENCODER.encodeToString(bytes) + "." + ENCODER.encodeToString(mac(bytes));
    }

    /**
     * The payload of {@code token} when this secret signed it; empty for anything else — forged, altered,
     * truncated, re-encoded, null or not a token at all. Never throws.
     */
    public Optional<String> verify(String token) {
        if (token == null || token.length() > MAX_TOKEN_CHARS) return Optional.empty();
        int dot = token.indexOf('.');
        if (dot < 0 || token.indexOf('.', dot + 1) >= 0) return Optional.empty();
        String payloadPart = token.substring(0, dot);
        String macPart = token.substring(dot + 1);
        byte[] payload;
        byte[] given;
        try {
            payload = DECODER.decode(payloadPart);
            given = DECODER.decode(macPart);
        } catch (IllegalArgumentException notBase64) {
            return Optional.empty();
        }
        if (given.length != MAC_BYTES || !MessageDigest.isEqual(mac(payload), given)) return Optional.empty();
        if (!ENCODER.encodeToString(payload).equals(payloadPart) || !ENCODER.encodeToString(given).equals(macPart)) {
            return Optional.empty();
        }
        return utf8(payload);
    }

    private byte[] mac(byte[] data) {
        return macs.get().doFinal(data); // doFinal leaves the Mac reset, keyed, for the next token
    }

    private Mac newMac() {
        try {
            Mac mac = Mac.getInstance(ALGORITHM);
            mac.init(key);
            return mac;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is not available in this JVM", e);
        }
    }

    private static Optional<String> utf8(byte[] bytes) {
        try {
            return Optional.of(StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes)).toString());
        } catch (CharacterCodingException e) {
            return Optional.empty();
        }
    }
}
