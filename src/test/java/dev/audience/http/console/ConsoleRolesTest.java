package dev.audience.http.console;

import dev.audience.apikey.ApiKey;
import dev.audience.testing.Backend;
import dev.audience.testing.ConsoleClient;
import dev.audience.testing.ConsoleClient.Page;
import dev.audience.testing.TestServer;
import dev.audience.user.ConsoleUser;
import dev.audience.user.Role;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.AfterParameterizedClassInvocation;
import org.junit.jupiter.params.BeforeParameterizedClassInvocation;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/** Roles and CSRF over plain HTTP, on both back ends: what each role may do, refused on the server. */
@ParameterizedClass
@EnumSource(Backend.class)
class ConsoleRolesTest {
    private static final String PASSWORD = "correct horse battery";
    private static final AtomicInteger USERS = new AtomicInteger();

    @Parameter
    Backend backend;

    static TestServer server;

    @BeforeParameterizedClassInvocation
    static void start(Backend backend) {
        server = new TestServer(backend);
    }

    @AfterParameterizedClassInvocation
    static void stop() {
        server.close();
    }

    private static ConsoleUser newUser(Role role) {
        return server.app.consoleUsers().create("role" + USERS.incrementAndGet() + "@example.com", role, PASSWORD);
    }

    private static ConsoleClient signedIn(ConsoleUser user) {
        ConsoleClient c = server.console();
        assertThat(c.signIn(user.email(), PASSWORD).status()).isEqualTo(303);
        assertThat(c.get("/console").status()).isEqualTo(200); // a page: its forms carry the token
        return c;
    }

    /** Every change a viewer might try, each with a valid token of their own session. */
    private static final List<String> CHANGES = List.of("/console/new-segment", "/console/new-segment/check",
            "/console/segments/everyone/refresh", "/console/segments/everyone/members", "/console/segments/everyone/import",
            "/console/settings/users", "/console/settings/api-keys");

    @Test
    void aViewerReadsEverythingAndChangesNothingEvenWithAValidToken() {
        ConsoleClient viewer = signedIn(newUser(Role.VIEWER));
        for (String page : List.of("/console", "/console/segments", "/console/segments/everyone", "/console/profiles?q=x",
                "/console/segments/everyone/members")) {
            assertThat(viewer.get(page).status()).as(page).isEqualTo(200);
        }
        assertThat(viewer.csrf()).isNotBlank();
        for (String change : CHANGES) {
            Page refused = viewer.post(change, Map.of("type", "static", "key", "by-viewer", "name", "x", "kind", "secret"));
            assertThat(refused.status()).as(change).isEqualTo(403);
            assertThat(refused.body()).as(change).contains("Your role (viewer) may not do this");
        }
        assertThat(viewer.get("/console/new-segment").status()).isEqualTo(403);
        assertThat(viewer.get("/console/settings/users").status()).isEqualTo(403);
        assertThat(server.app.segments().exists("by-viewer")).isFalse();
    }

    @Test
    void anEditorChangesSegmentsButNotUsersOrKeys() {
        ConsoleClient editor = signedIn(newUser(Role.EDITOR));
        Page created = editor.post("/console/new-segment", Map.of("type", "static", "key", "by-editor", "name", "By editor"));
        assertThat(created.status()).as(created.body()).isEqualTo(303);
        assertThat(created.location()).isEqualTo("/console/segments/by-editor");
        assertThat(editor.get("/console/settings/users").status()).isEqualTo(403);
        assertThat(editor.get("/console/settings/api-keys").status()).isEqualTo(403);
        assertThat(editor.post("/console/settings/api-keys", Map.of("kind", "secret")).status()).isEqualTo(403);
        assertThat(editor.get("/console").body()).doesNotContain("/console/settings");
    }

    @Test
    void aChangeWithoutThisSessionsTokenIsRefused() {
        ConsoleClient editor = signedIn(newUser(Role.EDITOR));
        ConsoleClient other = signedIn(newUser(Role.EDITOR));
        Map<String, String> form = Map.of("type", "static", "key", "forged", "name", "Forged");
        assertThat(editor.postRaw("/console/new-segment", form, Map.of()).status()).isEqualTo(403);
        assertThat(editor.postRaw("/console/new-segment", Map.of("type", "static", "key", "forged", "name", "Forged",
                "_csrf", other.csrf()), Map.of()).status()).as("another session's token").isEqualTo(403);
        assertThat(editor.postRaw("/console/new-segment", form, Map.of("X-CSRF-Token", other.csrf())).status()).isEqualTo(403);
        assertThat(server.app.segments().exists("forged")).isFalse();
        // the header htmx sends is as good as the form field
        assertThat(editor.postRaw("/console/new-segment", form, Map.of("X-CSRF-Token", editor.csrf())).status()).isEqualTo(303);
    }

    @Test
    void anAdminCreatesUsersWithErrorsNextToTheirFields() {
        ConsoleClient admin = signedIn(newUser(Role.ADMIN));
        admin.get("/console/settings/users");
        Page bad = admin.post("/console/settings/users", Map.of("email", "not an email", "role", "editor", "password", "short"));
        assertThat(bad.status()).isEqualTo(422);
        assertThat(bad.body()).contains("<small id=\"email-help\" class=\"error\">must be an email address like name@example.com</small>")
                .contains("<small id=\"password-help\" class=\"error\">must be at least 12 characters</small>")
                .contains("value=\"not an email\"").doesNotContain("value=\"short\"");

        Page created = admin.post("/console/settings/users", Map.of("email", "New.Person@Example.com", "role", "viewer",
                "password", "a fine long password"));
        assertThat(created.status()).isEqualTo(303);
        assertThat(admin.get(created.location()).body()).contains("Created new.person@example.com.");
        Page twice = admin.post("/console/settings/users", Map.of("email", "new.person@example.com", "role", "viewer",
                "password", "a fine long password"));
        assertThat(twice.status()).isEqualTo(422);
        assertThat(twice.body()).contains("exists already");
        ConsoleClient newcomer = server.console();
        assertThat(newcomer.signIn("new.person@example.com", "a fine long password").status()).isEqualTo(303);
    }

    @Test
    void aRoleChangeOrRemovalCountsAtTheNextRequestAndTheLastAdminStays() {
        ConsoleUser admin = newUser(Role.ADMIN);
        ConsoleClient adminBrowser = signedIn(admin);
        ConsoleUser editor = newUser(Role.EDITOR);
        ConsoleClient editorBrowser = signedIn(editor);
        assertThat(editorBrowser.get("/console/new-segment").status()).isEqualTo(200);

        adminBrowser.get("/console/settings/users");
        assertThat(adminBrowser.post("/console/settings/users/" + editor.id() + "/role", Map.of("role", "viewer")).status())
                .isEqualTo(303);
        assertThat(editorBrowser.get("/console/new-segment").status()).as("now a viewer").isEqualTo(403);

        // removing is asked once more, on a page of its own; the list only links to it
        Page list = adminBrowser.get("/console/settings/users");
        assertThat(list.body()).contains("href=\"/console/settings/users/" + editor.id() + "/remove\" id=\"remove-" + editor.id() + "\"")
                .doesNotContain("action=\"/console/settings/users/" + editor.id() + "/remove\"");
        Page confirm = adminBrowser.get("/console/settings/users/" + editor.id() + "/remove");
        assertThat(confirm.status()).isEqualTo(200);
        assertThat(confirm.body()).contains("<h1>Remove " + editor.email() + "?</h1>")
                .contains("<form method=\"post\" action=\"/console/settings/users/" + editor.id() + "/remove\"")
                .contains("name=\"_csrf\" value=\"" + adminBrowser.csrf() + "\"").contains("id=\"confirm-back\"");
        assertThat(server.app.consoleUsers().find(editor.id()).email()).as("showing the question removes nobody")
                .isEqualTo(editor.email());
        assertThat(editorBrowser.get("/console/settings/users/" + admin.id() + "/remove").status()).as("admins only")
                .isEqualTo(403);
        assertThat(adminBrowser.postRaw("/console/settings/users/" + editor.id() + "/remove", Map.of(), Map.of()).status())
                .as("no token").isEqualTo(403);
        assertThat(adminBrowser.post("/console/settings/users/" + editor.id() + "/remove", Map.of()).status()).isEqualTo(303);
        assertThat(editorBrowser.get("/console").status()).as("removed: the session is gone").isEqualTo(303);
        assertThat(adminBrowser.get("/console/settings/users/" + editor.id() + "/remove").status()).as("gone").isEqualTo(404);

        // demote every other admin, then try to demote or remove the last one
        for (ConsoleUser u : server.app.consoleUsers().list()) {
            if (u.role() == Role.ADMIN && !u.id().equals(admin.id())) server.app.consoleUsers().changeRole(u.id(), Role.EDITOR);
        }
        Page demote = adminBrowser.post("/console/settings/users/" + admin.id() + "/role", Map.of("role", "editor"));
        assertThat(demote.status()).isEqualTo(409);
        assertThat(demote.body()).contains("id=\"row-error\" class=\"error\">" + admin.email() + " is the last active admin");
        assertThat(adminBrowser.get("/console/settings/users/" + admin.id() + "/remove").status()).isEqualTo(200);
        Page remove = adminBrowser.post("/console/settings/users/" + admin.id() + "/remove", Map.of());
        assertThat(remove.status()).isEqualTo(409);
        assertThat(remove.body()).as("refused on the confirmation page, under its button")
                .contains("<small id=\"confirm-error\" class=\"error\">" + admin.email() + " is the last active admin and cannot be removed");
        assertThat(server.app.consoleUsers().find(admin.id()).role()).isEqualTo(Role.ADMIN);
    }

    @Test
    void anAdminCreatesAKeyShownOnceAndRevokesIt() {
        ConsoleClient admin = signedIn(newUser(Role.ADMIN));
        admin.get("/console/settings/api-keys");
        Page created = admin.post("/console/settings/api-keys", Map.of("kind", "secret"));
        assertThat(created.status()).isEqualTo(201);
        Matcher m = Pattern.compile("<code class=\"new-key\" id=\"new-key\">(aud_sk_[A-Za-z0-9_-]+)</code>").matcher(created.body());
        assertThat(m.find()).as(created.body()).isTrue();
        String key = m.group(1);
        assertThat(server.api(key).get("/api/v1/segments").status()).isEqualTo(200);

        Page list = admin.get("/console/settings/api-keys");
        assertThat(list.body()).doesNotContain(key).contains(key.substring(0, 12) + "…");
        ApiKey stored = server.app.apiKeys().list().stream().filter(k -> k.displayPrefix().equals(key.substring(0, 12)))
                .findFirst().orElseThrow();
        assertThat(admin.post("/console/settings/api-keys/" + stored.id() + "/revoke", Map.of()).status()).isEqualTo(303);
        assertThat(server.api(key).get("/api/v1/segments").status()).isEqualTo(401);
        assertThat(admin.get("/console/settings/api-keys").body()).contains("revoked ");
        assertThat(admin.post("/console/settings/api-keys", Map.of("kind", "admin")).status()).isEqualTo(422);
    }

    @Test
    void behindHttpsTheCookiesAreSecure() {
        try (TestServer https = new TestServer(backend, Map.of("http.public_url", "https://audience.example.com"))) {
            ConsoleUser user = https.app.consoleUsers().create("secure@example.com", Role.VIEWER, PASSWORD);
            ConsoleClient c = https.console();
            Page form = c.get("/console/sign-in");
            assertThat(form.headers().every("Set-Cookie")).allMatch(h -> h.contains("; Secure"));
            Page in = c.post("/console/sign-in", Map.of("email", user.email(), "password", PASSWORD));
            assertThat(in.headers().every("Set-Cookie")).isNotEmpty().allMatch(h -> h.contains("; Secure"));
        }
    }
}
