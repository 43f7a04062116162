package dev.audience.http.console;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.audience.testing.Backend;
import dev.audience.testing.ConsoleClient;
import dev.audience.testing.ConsoleClient.Page;
import dev.audience.testing.TestServer;
import dev.audience.user.ConsoleUser;
import dev.audience.user.ConsoleUserService;
import dev.audience.user.Role;
import dev.audience.user.SignInThrottle;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.AfterParameterizedClassInvocation;
import org.junit.jupiter.params.BeforeParameterizedClassInvocation;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;
import org.slf4j.LoggerFactory;

import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Sign-in throttling, one's own password, an admin's password reset and deactivation, over plain HTTP on both back
 * ends. Every test starts with the failure counts of earlier ones stale: they all come from 127.0.0.1.
 */
@ParameterizedClass
@EnumSource(Backend.class)
class ConsoleAccountsTest {
    private static final String PASSWORD = "correct horse battery";
    private static final String NEW_PASSWORD = "a brand new passphrase";
    private static final AtomicInteger USERS = new AtomicInteger();

    @Parameter
    Backend backend;

    static TestServer server;
    private ListAppender<ILoggingEvent> log;

    @BeforeParameterizedClassInvocation
    static void start(Backend backend) {
        server = new TestServer(backend);
    }

    @AfterParameterizedClassInvocation
    static void stop() {
        server.close();
    }

    @BeforeEach
    void freshCountsAndALog() {
        server.clock.advance(SignInThrottle.WINDOW.plus(SignInThrottle.LOCK).plusSeconds(1));
        log = new ListAppender<>();
        log.start();
        Logger users = (Logger) LoggerFactory.getLogger(ConsoleUserService.class);
        users.setLevel(Level.INFO);
        users.addAppender(log);
    }

    @AfterEach
    void detachLog() {
        ((Logger) LoggerFactory.getLogger(ConsoleUserService.class)).detachAppender(log);
    }

    private List<String> logged() {
        return log.list.stream().map(e -> e.getLevel() + " " + e.getFormattedMessage()).toList();
    }

    private static ConsoleUser newUser(Role role) {
        return server.app.consoleUsers().create("account" + USERS.incrementAndGet() + "@example.com", role, PASSWORD);
    }

    private static ConsoleClient signedIn(ConsoleUser user, String password) {
        ConsoleClient c = server.console();
        Page in = c.signIn(user.email(), password);
        assertThat(in.status()).as(in.body()).isEqualTo(303);
        assertThat(c.get("/console").status()).isEqualTo(200); // a page: its forms carry the token
        return c;
    }

    @Test
    void fiveWrongPasswordsLockTheEmailForAQuarterHourEvenForTheRightOneAndEveryAttemptIsLogged() {
        ConsoleUser user = newUser(Role.EDITOR);
        ConsoleClient browser = server.console();
        for (int i = 1; i < SignInThrottle.PER_EMAIL; i++) {
            assertThat(browser.signIn(user.email(), "wrong guess " + i).status()).as("failure %d", i).isEqualTo(401);
        }
        Page fifth = browser.signIn(user.email(), "wrong guess 5");
        assertThat(fifth.status()).isEqualTo(429);
        assertThat(fifth.headers().first("Retry-After")).isEqualTo("900");
        assertThat(fifth.body()).contains("id=\"form-error\">Too many failed sign-ins with this email or from this address: "
                + "signing in is locked for 15 more minutes");

        // locked: the right password is not even checked
        Page right = browser.signIn(user.email(), PASSWORD);
        assertThat(right.status()).isEqualTo(429);
        assertThat(browser.cookie("audience_session")).isNull();
        server.clock.advance(SignInThrottle.LOCK.minusMinutes(1));
        Page lastMinute = browser.signIn(user.email(), PASSWORD);
        assertThat(lastMinute.status()).isEqualTo(429);
        assertThat(lastMinute.body()).contains("locked for 1 more minute (");
        // another email from the same address is not locked by this one
        ConsoleUser other = newUser(Role.VIEWER);
        assertThat(server.console().signIn(other.email(), PASSWORD).status()).isEqualTo(303);

        server.clock.advance(java.time.Duration.ofMinutes(1));
        assertThat(browser.signIn(user.email(), PASSWORD).status()).isEqualTo(303);

        assertThat(logged()).anyMatch(l -> l.startsWith("WARN console sign-in failed: " + user.email() + " from 127.0.0.1 (1 of 5"))
                .anyMatch(l -> l.startsWith("WARN console sign-in failed: " + user.email() + " from 127.0.0.1 (5 of 5 for this email; locked until"))
                .anyMatch(l -> l.startsWith("WARN console sign-in refused, locked until"))
                .anyMatch(l -> l.equals("INFO console sign-in: " + user.email() + " (editor) from 127.0.0.1"))
                .noneMatch(l -> l.contains(PASSWORD) || l.contains("wrong guess"));
    }

    @Test
    void anUnknownEmailIsLockedLikeAKnownOneSoTheLockSaysNothingAboutAccounts() {
        ConsoleClient stranger = server.console();
        for (int i = 1; i < SignInThrottle.PER_EMAIL; i++) {
            assertThat(stranger.signIn("nobody-" + backend + "@example.com", "guess " + i).status()).isEqualTo(401);
        }
        assertThat(stranger.signIn("Nobody-" + backend + "@Example.com", "guess 5").status()).as("the same email").isEqualTo(429);
    }

    @Test
    void aSuccessfulSignInClearsItsEmailsCount() {
        ConsoleUser user = newUser(Role.VIEWER);
        for (int i = 1; i < SignInThrottle.PER_EMAIL; i++) server.console().signIn(user.email(), "typo " + i);
        signedIn(user, PASSWORD);
        for (int i = 1; i < SignInThrottle.PER_EMAIL; i++) {
            assertThat(server.console().signIn(user.email(), "typo again " + i).status()).isEqualTo(401);
        }
    }

    @Test
    void twentyFailuresFromOneAddressLockThatAddressWhateverTheEmails() {
        ConsoleUser user = newUser(Role.VIEWER);
        ConsoleClient sprayer = server.console();
        for (int i = 1; i < SignInThrottle.PER_ADDRESS; i++) {
            assertThat(sprayer.signIn("spray" + i + "-" + backend + "@example.com", "guess").status()).as("failure %d", i)
                    .isEqualTo(401);
        }
        assertThat(sprayer.signIn("spray-last-" + backend + "@example.com", "guess").status()).isEqualTo(429);
        // now nobody signs in from this address, not even with the right password, until the lock is over
        assertThat(server.console().signIn(user.email(), PASSWORD).status()).isEqualTo(429);
        server.clock.advance(SignInThrottle.LOCK);
        assertThat(server.console().signIn(user.email(), PASSWORD).status()).isEqualTo(303);
    }

    /** A sign-in through a reverse proxy on this host: X-Forwarded-For ends with the address the proxy saw. */
    private static Page signInThroughProxy(ConsoleClient c, String email, String password, String forwardedFor) {
        c.get("/console/sign-in");
        return c.postRaw("/console/sign-in", Map.of("email", email, "password", password, "_csrf", c.csrf()),
                Map.of("X-Forwarded-For", forwardedFor));
    }

    @Test
    void behindAProxyTheAddressCountedIsTheOneTheProxySaw() {
        ConsoleUser user = newUser(Role.VIEWER);
        for (int i = 1; i <= SignInThrottle.PER_ADDRESS; i++) {
            // the client may put any address first; the proxy appends the one it saw, and that one counts
            signInThroughProxy(server.console(), "proxied" + i + "-" + backend + "@example.com", "guess", "10.9.9." + i + ", 203.0.113.7");
        }
        assertThat(signInThroughProxy(server.console(), user.email(), PASSWORD, "203.0.113.7").status()).isEqualTo(429);
        assertThat(signInThroughProxy(server.console(), user.email(), PASSWORD, "198.51.100.4").status())
                .as("another client behind the proxy").isEqualTo(303);
        assertThat(server.console().signIn(user.email(), PASSWORD).status()).as("the proxy's own address").isEqualTo(303);
        assertThat(logged()).anyMatch(l -> l.startsWith("WARN console sign-in failed: proxied1-" + backend.toString().toLowerCase()
                + "@example.com from 203.0.113.7"));
    }

    @Test
    void changingOnesOwnPasswordNeedsTheCurrentOneAndEndsTheOtherSessionsOnly() {
        ConsoleUser user = newUser(Role.VIEWER); // every role may change its own password
        ConsoleClient here = signedIn(user, PASSWORD);
        ConsoleClient elsewhere = signedIn(user, PASSWORD);
        Page form = here.get("/console/account");
        assertThat(form.status()).isEqualTo(200);
        assertThat(form.body()).contains("<label for=\"currentPassword\">Current password</label>")
                .contains("<label for=\"newPassword\">New password</label>").contains("<label for=\"repeatPassword\">");

        Page wrong = here.post("/console/account/password", Map.of("currentPassword", "not it at all",
                "newPassword", "short", "repeatPassword", "shorter"));
        assertThat(wrong.status()).isEqualTo(422);
        assertThat(wrong.body()).contains("<small id=\"currentPassword-help\" class=\"error\">is not your current password</small>")
                .contains("<small id=\"newPassword-help\" class=\"error\">must be at least 12 characters</small>")
                .contains("<small id=\"repeatPassword-help\" class=\"error\">does not match the new password</small>")
                .doesNotContain("not it at all").doesNotContain("value=\"short\"");

        Page same = here.post("/console/account/password", Map.of("currentPassword", PASSWORD,
                "newPassword", PASSWORD, "repeatPassword", PASSWORD));
        assertThat(same.body()).contains("must differ from the current password");

        Page noToken = here.postRaw("/console/account/password", Map.of("currentPassword", PASSWORD,
                "newPassword", NEW_PASSWORD, "repeatPassword", NEW_PASSWORD), Map.of());
        assertThat(noToken.status()).isEqualTo(403);
        assertThat(server.console().signIn(user.email(), PASSWORD).status()).as("unchanged").isEqualTo(303);

        Page changed = here.post("/console/account/password", Map.of("currentPassword", PASSWORD,
                "newPassword", NEW_PASSWORD, "repeatPassword", NEW_PASSWORD));
        assertThat(changed.status()).as(changed.body()).isEqualTo(303);
        assertThat(here.get(changed.location()).body()).contains("Your password is changed.");
        assertThat(here.get("/console").status()).as("this session stays").isEqualTo(200);
        assertThat(elsewhere.get("/console").status()).as("the other session ended").isEqualTo(303);
        assertThat(server.console().signIn(user.email(), PASSWORD).status()).isEqualTo(401);
        assertThat(server.console().signIn(user.email(), NEW_PASSWORD).status()).isEqualTo(303);
        assertThat(server.app.consoleUsers().find(user.id()).passwordHash()).startsWith("$argon2id$v=19$m=19456,t=2,p=1$");
        assertThat(logged()).anyMatch(l -> l.startsWith("INFO console password changed by its user: " + user.email()));
    }

    @Test
    void wrongCurrentPasswordsCountAsFailedSignIns() {
        ConsoleUser user = newUser(Role.EDITOR);
        ConsoleClient here = signedIn(user, PASSWORD);
        for (int i = 1; i <= SignInThrottle.PER_EMAIL; i++) {
            here.post("/console/account/password", Map.of("currentPassword", "guess " + i, "newPassword", NEW_PASSWORD,
                    "repeatPassword", NEW_PASSWORD));
        }
        Page locked = here.post("/console/account/password", Map.of("currentPassword", PASSWORD, "newPassword", NEW_PASSWORD,
                "repeatPassword", NEW_PASSWORD));
        assertThat(locked.status()).isEqualTo(422);
        assertThat(locked.body()).contains("too many wrong passwords; try again after");
        assertThat(server.console().signIn(user.email(), PASSWORD).status()).isEqualTo(429);
    }

    @Test
    void anAdminSetsAnotherUsersPasswordWhichEndsTheirSessionsAndLiftsTheirLock() {
        ConsoleUser admin = newUser(Role.ADMIN);
        ConsoleUser editor = newUser(Role.EDITOR);
        ConsoleClient adminBrowser = signedIn(admin, PASSWORD);
        ConsoleClient editorBrowser = signedIn(editor, PASSWORD);
        for (int i = 1; i <= SignInThrottle.PER_EMAIL; i++) server.console().signIn(editor.email(), "forgotten " + i);
        assertThat(server.console().signIn(editor.email(), PASSWORD).status()).as("locked").isEqualTo(429);

        Page page = adminBrowser.get("/console/settings/users/" + editor.id());
        assertThat(page.status()).isEqualTo(200);
        assertThat(page.body()).contains("<label for=\"password\">New password for " + editor.email() + "</label>");
        assertThat(adminBrowser.get("/console/settings/users").body()).contains("href=\"/console/settings/users/" + editor.id() + "\"");

        Page tooShort = adminBrowser.post("/console/settings/users/" + editor.id() + "/password", Map.of("password", "short"));
        assertThat(tooShort.status()).isEqualTo(422);
        assertThat(tooShort.body()).contains("<small id=\"password-help\" class=\"error\">must be at least 12 characters</small>");
        assertThat(adminBrowser.postRaw("/console/settings/users/" + editor.id() + "/password", Map.of("password", NEW_PASSWORD),
                Map.of()).status()).as("no token").isEqualTo(403);
        assertThat(editorBrowser.post("/console/settings/users/" + editor.id() + "/password", Map.of("password", NEW_PASSWORD))
                .status()).as("an editor").isEqualTo(403);

        Page reset = adminBrowser.post("/console/settings/users/" + editor.id() + "/password", Map.of("password", NEW_PASSWORD));
        assertThat(reset.status()).as(reset.body()).isEqualTo(303);
        assertThat(adminBrowser.get(reset.location()).body()).contains("New password set.");
        assertThat(editorBrowser.get("/console").status()).as("their session ended").isEqualTo(303);
        assertThat(server.console().signIn(editor.email(), NEW_PASSWORD).status()).as("lock lifted").isEqualTo(303);
        assertThat(adminBrowser.get("/console").status()).isEqualTo(200);

        Page self = adminBrowser.post("/console/settings/users/" + admin.id() + "/password", Map.of("password", NEW_PASSWORD));
        assertThat(self.status()).isEqualTo(409);
        assertThat(self.body()).contains("change your own password under Your account");
        assertThat(logged()).anyMatch(l -> l.equals("INFO console password of " + editor.email() + " reset by " + admin.email()
                + "; their sessions ended"));
    }

    @Test
    void aDeactivatedUserIsSignedOutCannotSignInAndTheLastActiveAdminStays() {
        ConsoleUser admin = newUser(Role.ADMIN);
        ConsoleUser other = newUser(Role.ADMIN);
        ConsoleClient adminBrowser = signedIn(admin, PASSWORD);
        ConsoleClient otherBrowser = signedIn(other, PASSWORD);
        assertThat(otherBrowser.post("/console/settings/users/" + admin.id() + "/deactivate", Map.of()).status())
                .as("an admin may deactivate another admin while one stays").isEqualTo(303);
        assertThat(adminBrowser.get("/console").status()).as("signed out at once").isEqualTo(303);
        Page refused = server.console().signIn(admin.email(), PASSWORD);
        assertThat(refused.status()).isEqualTo(403);
        assertThat(refused.body()).contains("This console user has been deactivated.");
        assertThat(otherBrowser.get("/console/settings/users").body()).contains("deactivated");

        // every other admin deactivated or demoted: the last active admin can be neither deactivated nor demoted
        for (ConsoleUser u : server.app.consoleUsers().list()) {
            if (u.role() == Role.ADMIN && u.active() && !u.id().equals(other.id())) {
                server.app.consoleUsers().changeRole(u.id(), Role.EDITOR);
            }
        }
        Page last = otherBrowser.post("/console/settings/users/" + other.id() + "/deactivate", Map.of());
        assertThat(last.status()).isEqualTo(409);
        assertThat(last.body()).contains("id=\"access-error\">" + other.email() + " is the last active admin and cannot be deactivated");
        assertThat(otherBrowser.post("/console/settings/users/" + other.id() + "/role", Map.of("role", "viewer")).status())
                .as("a deactivated admin does not count as one left").isEqualTo(409);
        assertThat(otherBrowser.postRaw("/console/settings/users/" + admin.id() + "/reactivate", Map.of(), Map.of()).status())
                .as("no token").isEqualTo(403);

        assertThat(otherBrowser.post("/console/settings/users/" + admin.id() + "/reactivate", Map.of()).status()).isEqualTo(303);
        signedIn(admin, PASSWORD);
        assertThat(logged()).anyMatch(l -> l.equals("INFO console user " + admin.email() + " deactivated by " + other.email()))
                .anyMatch(l -> l.startsWith("WARN console sign-in refused, user deactivated: " + admin.email()));
    }
}
