package dev.audience.delivery.tracking;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class UnsubscribeTokensTest {
    private final Signer signer = new Signer(SignerTest.SECRET);
    private final UnsubscribeTokens tokens = new UnsubscribeTokens(signer);

    @Test
    void tokensRoundTrip() {
        assertThat(tokens.read(tokens.token(42, "c-7f3a"))).contains(new Unsubscribe(42, "c-7f3a"));
        assertThat(tokens.read(tokens.token(0, ""))).contains(new Unsubscribe(0, ""));
        assertThat(tokens.read(tokens.token(Integer.MAX_VALUE, "a\nb"))).contains(new Unsubscribe(Integer.MAX_VALUE, "a\nb"));
        assertThat(tokens.token(42, "c-7f3a")).matches("[A-Za-z0-9_.-]+");
    }

    @Test
    void forgedOrBorrowedTokensAreRefused() {
        String token = tokens.token(42, "c-1");
        Signer attacker = new Signer("attacker-secret-attacker-secret!".getBytes(StandardCharsets.US_ASCII));
        assertThat(new UnsubscribeTokens(attacker).read(token)).isEmpty();
        assertThat(tokens.read(new UnsubscribeTokens(attacker).token(43, "c-1"))).isEmpty();
        assertThat(tokens.read(token.substring(0, token.length() - 3))).isEmpty();
        assertThat(tokens.read(token.replace('.', '!'))).isEmpty();
        assertThat(tokens.read(null)).isEmpty();
        assertThat(tokens.read(signer.sign("42\nc-1"))).as("signed, but not as an unsubscribe").isEmpty();
        assertThat(tokens.read(signer.sign("d-1\nhttps://example.com"))).as("a click token").isEmpty();
        assertThat(tokens.read(signer.sign("unsubscribe\n-1\nc"))).isEmpty();
        assertThat(tokens.read(signer.sign("unsubscribe\n99999999999\nc"))).isEmpty();
        assertThat(tokens.read(signer.sign("unsubscribe\n+4\nc"))).isEmpty();
        assertThat(tokens.read(signer.sign("unsubscribe\n4"))).isEmpty();
    }

    @Test
    void negativeOrdinalsCannotBeSigned() {
        assertThatThrownBy(() -> tokens.token(-1, "c")).isInstanceOf(IllegalArgumentException.class);
    }
}
