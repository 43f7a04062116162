package dev.audience.delivery.tracking;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SignerTest {
    static final byte[] SECRET = "0123456789abcdef0123456789abcdef".getBytes(StandardCharsets.US_ASCII);
    private final Signer signer = new Signer(SECRET);

    private static String b64(String s) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(s.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void signedPayloadsComeBack() {
        for (String payload : new String[]{"d-123", "", "d-1\nhttps://example.com/?q=é&x=1", "ünïcødé ✓"}) {
            String token = signer.sign(payload);
            assertThat(token).matches("[A-Za-z0-9_-]*\\.[A-Za-z0-9_-]{43}");
            assertThat(signer.verify(token)).contains(payload);
        }
        assertThat(signer.sign("x")).isEqualTo(new Signer(SECRET).sign("x"));
    }

    @Test
    void anAlteredPayloadIsRefused() {
        String token = signer.sign("delivery-1");
        String mac = token.substring(token.indexOf('.') + 1);
        assertThat(signer.verify(b64("delivery-2") + "." + mac)).isEmpty();
        char[] chars = token.toCharArray();
        chars[0] = chars[0] == 'A' ? 'B' : 'A';
        assertThat(signer.verify(new String(chars))).isEmpty();
    }

    @Test
    void anAlteredMacIsRefused() {
        String token = signer.sign("delivery-1");
        char last = token.charAt(token.length() - 2);
        String altered = token.substring(0, token.length() - 2) + (last == 'A' ? 'B' : 'A') + token.charAt(token.length() - 1);
        assertThat(signer.verify(altered)).isEmpty();
    }

    @Test
    void truncatedTokensAreRefused() {
        String token = signer.sign("delivery-1");
        for (int cut = 0; cut < token.length(); cut++) {
            assertThat(signer.verify(token.substring(0, cut))).as("first %d chars", cut).isEmpty();
            assertThat(signer.verify(token.substring(cut + 1))).as("without the first %d chars", cut + 1).isEmpty();
        }
    }

    @Test
    void reEncodingsOfAValidTokenAreRefused() {
        String token = signer.sign("ab");
        assertThat(signer.verify(token + "=")).isEmpty();
        String payload = token.substring(0, token.indexOf('.'));
        assertThat(signer.verify(payload + "==" + token.substring(token.indexOf('.')))).isEmpty();
        assertThat(signer.verify(token + ".")).isEmpty();
        assertThat(signer.verify(" " + token)).isEmpty();
    }

    @Test
    void garbageIsRefusedWithoutThrowing() {
        for (String garbage : new String[]{null, "", ".", "..", "a.b", "a.b.c", "!!!.???", "%00.%00", "abc",
                b64("x") + "." + b64("not a mac"), b64("x") + "." + "A".repeat(43), "x".repeat(100_000),
                "\u0000.\u0000", "ZZZZ." + "_".repeat(43)}) {
            assertThat(signer.verify(garbage)).isEmpty();
        }
    }

    @Test
    void anotherSecretsTokensAreRefused() {
        Signer other = new Signer("another-secret-another-secret-xx".getBytes(StandardCharsets.US_ASCII));
        assertThat(signer.verify(other.sign("delivery-1"))).isEmpty();
    }

    @Test
    void invalidUtf8PayloadsAreRefused() {
        byte[] bad = {(byte) 0xC3, (byte) 0x28};
        // Signed over raw bytes that are not UTF-8: only reachable by someone holding the secret; still refused.
        String token = Base64.getUrlEncoder().withoutPadding().encodeToString(bad) + "."
                + signer.sign("x").substring(signer.sign("x").indexOf('.') + 1);
        assertThat(signer.verify(token)).isEmpty();
    }

    @Test
    void shortSecretsAreRefused() {
        assertThatThrownBy(() -> new Signer(new byte[15])).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Signer(null)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void theSecretIsCopied() {
        byte[] secret = SECRET.clone();
        Signer s = new Signer(secret);
        String token = s.sign("p");
        secret[0] ^= 1;
        assertThat(s.verify(token)).contains("p");
    }
}
