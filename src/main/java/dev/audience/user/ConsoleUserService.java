package dev.audience.user;

import dev.audience.common.ConflictException;
import dev.audience.common.NotFoundException;
import dev.audience.common.Validation;
import dev.audience.profile.ProfileRules;

import dev.audience.common.InvalidInputException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

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
 * Console users and sign-in: create, list, change role, deactivate, remove, set passwords; sign in with email and
 * password (throttled by {@link SignInThrottle}, every attempt logged), look a session up by its cookie token, sign
 * out. Sessions live in the state store (every node, every restart sees them) and end after {@link #IDLE} unused, and
 * {@link #LONGEST} after sign-in at the latest. There is always one active admin at least.
 */
public final class ConsoleUserService {
    private static final Logger LOG = LoggerFactory.getLogger(ConsoleUserService.class);
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
    private final SignInThrottle throttle;
    /** Checked against when the email is unknown, so a wrong email takes as long as a wrong password. */
    private volatile String decoyHash;

    public ConsoleUserService(ConsoleUserStore store, PasswordHasher hasher, Clock clock) {
        this.store = store;
        this.hasher = hasher;
        this.clock = clock;
        this.throttle = new SignInThrottle(store);
    }

    public ConsoleUser create(String email, Role role, String password) {
        String normal = email == null ? "" : email.strip().toLowerCase(Locale.ROOT);
        Validation v = new Validation();
        v.check(ProfileRules.validEmail(normal), "email", "must be an email address like name@example.com");
        v.check(role != null, "role", "must be admin, editor or viewer");
        checkPassword(v, "password", password);
        v.throwIfInvalid();
        Instant now = now();
        ConsoleUser user = new ConsoleUser(UUID.randomUUID().toString(), normal, role, hasher.hash(password), now, now, null);
        if (!store.insert(user)) throw new ConflictException("a console user with email " + normal + " exists already");
        return user;
    }

    static void checkPassword(Validation v, String field, String password) {
        int length = password == null ? 0 : password.codePointCount(0, password.length());
        v.check(length >= MIN_PASSWORD, field, "must be at least " + MIN_PASSWORD + " characters");
        v.check(length <= MAX_PASSWORD, field, "must be at most " + MAX_PASSWORD + " characters");
    }

    /**
     * Signs in from {@code address} (the client's IP, for the throttle and the log): a new session when the email and
     * password match an active user. Each attempt is logged, with its outcome; a password is never logged.
     */
    public SignInResult signIn(String email, String password, String address) {
        String normal = email == null ? "" : email.strip().toLowerCase(Locale.ROOT);
        Instant now = now();
        Optional<Instant> locked = throttle.lockedUntil(normal, address, now);
        if (locked.isPresent()) {
            LOG.warn("console sign-in refused, locked until {}: {} from {}", locked.get(), loggable(normal), address);
            return new SignInResult.Locked(locked.get());
        }
        Optional<ConsoleUser> user = store.findByEmail(normal);
        boolean right = false;
        if (password != null && password.length() <= MAX_PASSWORD * 2) {
            if (user.isPresent()) right = hasher.verify(password, user.get().passwordHash());
            else hasher.verify(password, decoy()); // as long as for a known email
        }
        if (!right) {
            SignInThrottle.Failure f = throttle.failed(normal, address, now);
            LOG.warn("console sign-in failed: {} from {} ({} of {} for this email{})", loggable(normal), address,
                    f.emailFailures(), SignInThrottle.PER_EMAIL, f.lockedUntil() == null ? "" : "; locked until " + f.lockedUntil());
            return f.lockedUntil() == null ? new SignInResult.Refused() : new SignInResult.Locked(f.lockedUntil());
        }
        throttle.succeeded(normal, now);
        if (!user.get().active()) {
            LOG.warn("console sign-in refused, user deactivated: {} from {}", normal, address);
            return new SignInResult.Deactivated();
        }
        store.deleteExpiredSessions(now);
        String token = randomToken();
        Session s = new Session(hashToken(token), user.get().id(), randomToken(), now, now.plus(IDLE));
        store.insertSession(s);
        LOG.info("console sign-in: {} ({}) from {}", normal, user.get().role().wireName(), address);
        return new SignInResult.Opened(token, new SignedIn(user.get(), s));
    }

    /**
     * A signed-in user sets a new password: the current one is required (and a wrong one counts as a failed sign-in),
     * the new one given twice. Every other session of the user ends; this one stays open.
     */
    public void changeOwnPassword(SignedIn who, String current, String next, String repeat, String address) {
        ConsoleUser user = find(who.user().id());
        Instant now = now();
        Optional<Instant> locked = throttle.lockedUntil(user.email(), address, now);
        if (locked.isPresent()) {
            throw new InvalidInputException("currentPassword", "too many wrong passwords; try again after "
                    + locked.get().truncatedTo(ChronoUnit.SECONDS) + " (UTC)");
        }
        Validation v = new Validation();
        boolean right = current != null && current.length() <= MAX_PASSWORD * 2 && hasher.verify(current, user.passwordHash());
        v.check(right, "currentPassword", "is not your current password");
        checkPassword(v, "newPassword", next);
        v.check(next == null || next.equals(repeat), "repeatPassword", "does not match the new password");
        v.check(!right || next == null || !next.equals(current), "newPassword", "must differ from the current password");
        if (!right) {
            SignInThrottle.Failure f = throttle.failed(user.email(), address, now);
            LOG.warn("console password change refused, wrong current password: {} from {} ({} of {})", user.email(), address,
                    f.emailFailures(), SignInThrottle.PER_EMAIL);
        }
        v.throwIfInvalid();
        if (!store.changePassword(user.id(), hasher.hash(next), now, who.session().tokenHash())) {
            throw new NotFoundException("no console user " + user.email());
        }
        LOG.info("console password changed by its user: {} from {}; their other sessions ended", user.email(), address);
    }

    /**
     * An admin sets another user's password (one's own is changed with the current one, by {@link #changeOwnPassword}).
     * Every session of that user ends, and a sign-in lock of their email is lifted.
     */
    public void resetPassword(String id, String password, SignedIn by) {
        ConsoleUser user = find(id);
        if (id.equals(by.user().id())) {
            throw new ConflictException("change your own password under Your account, with your current password");
        }
        Validation v = new Validation();
        checkPassword(v, "password", password);
        v.throwIfInvalid();
        if (!store.changePassword(id, hasher.hash(password), now(), null)) throw new NotFoundException("no console user " + user.email());
        throttle.clear(user.email());
        LOG.info("console password of {} reset by {}; their sessions ended", user.email(), by.user().email());
    }

    /** Deactivates a user (kept and listed, unable to sign in; their sessions end), never the last active admin. */
    public ConsoleUser deactivate(String id, SignedIn by) {
        ConsoleUser user = find(id);
        if (!user.active()) return user;
        guarded(store.setDeactivated(id, now(), now()), user, "deactivated");
        LOG.info("console user {} deactivated by {}", user.email(), by.user().email());
        return find(id);
    }

    public ConsoleUser reactivate(String id, SignedIn by) {
        ConsoleUser user = find(id);
        if (user.active()) return user;
        guarded(store.setDeactivated(id, null, now()), user, "reactivated");
        LOG.info("console user {} reactivated by {}", user.email(), by.user().email());
        return find(id);
    }

    /** An email as typed into the sign-in form, fit for one log line: no control characters, not too long. */
    private static String loggable(String email) {
        String clean = email.replaceAll("\\p{Cntrl}", "?");
        return clean.length() > 100 ? clean.substring(0, 100) + "…" : clean;
    }

    /** The live session this cookie token opens, its expiry moved on; empty when unknown, ended or expired. */
    public Optional<SignedIn> signedIn(String token) {
        if (token == null || token.isEmpty() || token.length() > 100) return Optional.empty();
        Optional<SignedIn> found = store.findSession(hashToken(token));
        if (found.isEmpty()) return Optional.empty();
        Session s = found.get().session();
        Instant now = now();
        if (!now.isBefore(s.expiresAt()) || !found.get().user().active()) {
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
            case LAST_ADMIN -> throw new ConflictException(user.email() + " is the last active admin and cannot be " + what
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
