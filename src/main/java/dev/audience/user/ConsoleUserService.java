package dev.audience.user;

import dev.audience.common.ConflictException;
import dev.audience.common.NotFoundException;
import dev.audience.common.Validation;
import dev.audience.profile.ProfileRules;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;

/**
 * Console users and sign-in: create, list, change role, remove; sign in with email and password, look a session up
 * by its cookie token, sign out. Sessions live in the state store (every node, every restart sees them) and end
 * after {@link #IDLE} unused, and {@link #LONGEST} after sign-in at the latest. There is always one admin at least.
 */
public final class ConsoleUserService {
    public static final Duration IDLE = Duration.ofHours(12);
    public static final Duration LONGEST = Duration.ofDays(7);
    /** A used session's expiry is written again only once it is this much older, not on every request. */
    private static final Duration RENEW_STEP = Duration.ofMinutes(5);
    public static final int MIN_PASSWORD = 12;
    public static final int MAX_PASSWORD = 1024;
    private static final SecureRandom RANDOM = new SecureRandom();

    private final ConsoleUserStore store;
    private final PasswordHasher hasher;
    private final Clock clock;
    /** Checked against when the email is unknown, so a wrong email takes as long as a wrong password. */
    private volatile String decoyHash;

    public ConsoleUserService(ConsoleUserStore store, PasswordHasher hasher, Clock clock) {
        this.store = store;
        this.hasher = hasher;
        this.clock = clock;
    }

    public ConsoleUser create(String email, Role role, String password) {
        String normal = email == null ? "" : email.strip().toLowerCase(Locale.ROOT);
        Validation v = new Validation();
        v.check(ProfileRules.validEmail(normal), "email", "must be an email address like name@example.com");
        v.check(role != null, "role", "must be admin, editor or viewer");
        checkPassword(v, password);
        v.throwIfInvalid();
        Instant now = now();
        ConsoleUser user = new ConsoleUser(UUID.randomUUID().toString(), normal, role, hasher.hash(password), now, now);
        if (!store.insert(user)) throw new ConflictException("a console user with email " + normal + " exists already");
        return user;
    }

    static void checkPassword(Validation v, String password) {
        int length = password == null ? 0 : password.codePointCount(0, password.length());
        v.check(length >= MIN_PASSWORD, "password", "must be at least " + MIN_PASSWORD + " characters");
        v.check(length <= MAX_PASSWORD, "password", "must be at most " + MAX_PASSWORD + " characters");
    }

    /** A new session's cookie token (shown to the browser once, stored only as a hash) and what it opens. */
    public record NewSession(String token, SignedIn signedIn) {}

    /** A new session when the email and password match a user; empty otherwise (which of the two is not said). */
    public Optional<NewSession> signIn(String email, String password) {
        if (email == null || password == null || password.length() > MAX_PASSWORD * 2) return Optional.empty();
        Optional<ConsoleUser> user = store.findByEmail(email.strip().toLowerCase(Locale.ROOT));
        if (user.isEmpty()) {
            hasher.verify(password, decoy());
            return Optional.empty();
        }
        if (!hasher.verify(password, user.get().passwordHash())) return Optional.empty();
        Instant now = now();
        store.deleteExpiredSessions(now);
        String token = randomToken();
        Session s = new Session(hashToken(token), user.get().id(), randomToken(), now, now.plus(IDLE));
        store.insertSession(s);
        return Optional.of(new NewSession(token, new SignedIn(user.get(), s)));
    }

    /** The live session this cookie token opens, its expiry moved on; empty when unknown, ended or expired. */
    public Optional<SignedIn> signedIn(String token) {
        if (token == null || token.isEmpty() || token.length() > 100) return Optional.empty();
        Optional<SignedIn> found = store.findSession(hashToken(token));
        if (found.isEmpty()) return Optional.empty();
        Session s = found.get().session();
        Instant now = now();
        if (!now.isBefore(s.expiresAt())) {
            store.deleteSession(s.tokenHash());
            return Optional.empty();
        }
        Instant renewed = min(now.plus(IDLE), s.createdAt().plus(LONGEST));
        if (renewed.isAfter(s.expiresAt().plus(RENEW_STEP))) {
            store.extendSession(s.tokenHash(), renewed);
            return Optional.of(new SignedIn(found.get().user(), s.expiringAt(renewed)));
        }
        return found;
    }

    public void signOut(String token) {
        if (token != null && !token.isEmpty() && token.length() <= 100) store.deleteSession(hashToken(token));
    }

    public List<ConsoleUser> list() {
        return store.list();
    }

    public long count() {
        return store.count();
    }

    public Optional<ConsoleUser> findByEmail(String email) {
        return store.findByEmail(email.strip().toLowerCase(Locale.ROOT));
    }

    public ConsoleUser changeRole(String id, Role role) {
        if (role == null) throw new dev.audience.common.InvalidInputException("role", "must be admin, editor or viewer");
        ConsoleUser user = find(id);
        guarded(store.changeRole(id, role, now()), user, "made " + role.wireName());
        return find(id);
    }

    /** Removes the user; their sessions end at once. */
    public void remove(String id) {
        ConsoleUser user = find(id);
        guarded(store.delete(id), user, "removed");
    }

    private void guarded(ConsoleUserStore.Change change, ConsoleUser user, String what) {
        switch (change) {
            case DONE -> { }
            case NOT_FOUND -> throw new NotFoundException("no console user " + user.email());
            case LAST_ADMIN -> throw new ConflictException(user.email() + " is the last admin and cannot be " + what
                    + "; make another user admin first");
        }
    }

    public ConsoleUser find(String id) {
        return store.findById(id).orElseThrow(() -> new NotFoundException("no console user with id " + id));
    }

    private String decoy() {
        String d = decoyHash;
        if (d == null) decoyHash = d = hasher.hash(randomToken());
        return d;
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MILLIS);
    }

    private static Instant min(Instant a, Instant b) {
        return a.isBefore(b) ? a : b;
    }

    private static String randomToken() {
        byte[] b = new byte[32];
        RANDOM.nextBytes(b);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(b);
    }

    static String hashToken(String token) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }
}
