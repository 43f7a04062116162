package dev.audience.user;

import java.time.Instant;

/** What a sign-in attempt came to. Only {@link Opened} carries a session. */
public sealed interface SignInResult {
    /** The email and password match an active user: a new session, its cookie token shown to the browser once. */
    record Opened(String token, SignedIn signedIn) implements SignInResult {}

    /** The email or the password is wrong (which of the two is not said). */
    record Refused() implements SignInResult {}

    /** Too many failures for this email or from this address: no password is checked until {@code until}. */
    record Locked(Instant until) implements SignInResult {}

    /** The password is right, but an admin has deactivated this user. */
    record Deactivated() implements SignInResult {}
}
