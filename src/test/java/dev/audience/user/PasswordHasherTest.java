package dev.audience.user;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class PasswordHasherTest {
    private final PasswordHasher hasher = new PasswordHasher();

    @Test
    void aHashIsArgon2idInThePhcFormatAndVerifiesOnlyItsPassword() {
        String hash = hasher.hash("correct horse battery");
        assertThat(hash).startsWith("$argon2id$v=19$m=19456,t=2,p=1$").doesNotContain("correct");
        assertThat(hasher.verify("correct horse battery", hash)).isTrue();
        assertThat(hasher.verify("correct horse batterY", hash)).isFalse();
        assertThat(hasher.verify("", hash)).isFalse();
    }

    @Test
    void eachHashHasItsOwnSalt() {
        assertThat(hasher.hash("same password here")).isNotEqualTo(hasher.hash("same password here"));
    }

    /** The parameters travel with the hash: one made with other (weaker or stronger) settings still verifies. */
    @Test
    void parametersAreReadFromTheHash() {
        String light = new PasswordHasher(64, 1, 1).hash("pässwörd ünïcode");
        assertThat(light).startsWith("$argon2id$v=19$m=64,t=1,p=1$");
        assertThat(hasher.verify("pässwörd ünïcode", light)).isTrue();
    }

    /** RFC 9106's own test vector can't be used (it has a secret and associated data); this one is from the reference
     *  implementation's CLI: echo -n password | argon2 somesalt -id -t 2 -m 16 -p 1 -l 32. */
    @Test
    void matchesTheReferenceImplementation() {
        String reference = "$argon2id$v=19$m=65536,t=2,p=1$c29tZXNhbHQ$CTFhFdXPJO1aFaMaO6Mm5c8y7cJHAph8ArZWb2GRPPc";
        assertThat(hasher.verify("password", reference)).isTrue();
        assertThat(hasher.verify("passwore", reference)).isFalse();
    }

    @Test
    void somethingElseIsNotAHash() {
        assertThat(hasher.verify("x", "plain text")).isFalse();
        assertThat(hasher.verify("x", "$argon2i$v=19$m=64,t=1,p=1$c29tZXNhbHQ$CTFhFdXPJO1aFaMaO6Mm5c8y7cJHAph8ArZWb2GRPPc")).isFalse();
    }
}
