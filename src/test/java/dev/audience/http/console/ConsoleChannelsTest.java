package dev.audience.http.console;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import dev.audience.testing.Backend;
import dev.audience.testing.ConsoleClient;
import dev.audience.testing.ConsoleClient.Page;
import dev.audience.testing.TestServer;
import dev.audience.user.Role;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Settings → Channels over plain HTTP: the SMTP settings shown without the password, a test email through the server's
 * own SMTP sender to a real SMTP server (GreenMail) with the relay's reply on the page, and the page for admins only.
 */
class ConsoleChannelsTest {
    private static final String PASSWORD = "a long enough password";
    private static final String SMTP_PASSWORD = "s3cret-relay-password";

    static GreenMail mail;
    static TestServer server;
    static ConsoleClient admin;

    @BeforeAll
    static void start() {
        mail = new GreenMail(new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP).dynamicPort());
        mail.start();
        mail.setUser("relay-user", "relay-user", SMTP_PASSWORD); // the relay wants the login the settings give
        server = new TestServer(Backend.EMBEDDED, Map.of("smtp.host", "127.0.0.1", "smtp.port",
                String.valueOf(mail.getSmtp().getPort()), "smtp.username", "relay-user", "smtp.password", SMTP_PASSWORD));
        server.app.consoleUsers().create("admin@example.com", Role.ADMIN, PASSWORD);
        admin = server.console();
        admin.signIn("admin@example.com", PASSWORD);
        admin.get("/console/settings/channels");
    }

    @AfterAll
    static void stop() {
        server.close();
        mail.stop();
    }

    @Test
    void theSettingsAreShownWithTheirSecretsMaskedAndUnconfiguredPushSaysWhatToSet() {
        String page = admin.get("/console/settings/channels").body();
        assertThat(page).contains("<tr><th scope=\"row\"><code>smtp.host</code></th><td>127.0.0.1</td></tr>")
                .contains("<tr><th scope=\"row\"><code>smtp.username</code></th><td>relay-user</td></tr>")
                .contains("<tr><th scope=\"row\"><code>smtp.password</code></th><td>set (not shown)</td></tr>")
                .doesNotContain(SMTP_PASSWORD)
                .contains("Not configured: set apns.key_file, apns.key_id, apns.team_id and apns.topic.")
                .contains("Not configured: set fcm.credentials_file");
        Page push = admin.post("/console/settings/channels/ios-test", Map.of("iosToken", "a".repeat(64)));
        assertThat(push.status()).isEqualTo(422);
        assertThat(push.body()).contains("<small id=\"iosToken-help\" class=\"error\">APNs is not configured on this server: set");
    }

    @Test
    void aTestEmailGoesThroughTheServersSmtpSenderAndTheRelaysReplyIsShown() throws Exception {
        Page bad = admin.post("/console/settings/channels/email-test", Map.of("from", "admin@example.com", "to", "nobody"));
        assertThat(bad.status()).isEqualTo(422);
        assertThat(bad.body()).contains("<small id=\"to-help\" class=\"error\">must be an email address, like you@example.com</small>");

        Page sent = admin.post("/console/settings/channels/email-test", Map.of("from", "admin@example.com", "to", "ops@example.com"));
        assertThat(sent.status()).isEqualTo(200);
        assertThat(sent.body()).contains("<p id=\"email-result\" role=\"status\" class=\"ok\"><strong>Sent.</strong> The relay accepted it: 250");
        assertThat(mail.waitForIncomingEmail(10_000, 1)).isTrue();
        MimeMessage m = mail.getReceivedMessages()[0];
        assertThat(m.getAllRecipients()[0].toString()).isEqualTo("ops@example.com");
        assertThat(m.getSubject()).isEqualTo("Audience test email");
        assertThat(m.getHeader("X-Audience-Test")[0]).isEqualTo("true");
    }

    @Test
    void onlyAdminsOpenTheChannelsOrSendTests() {
        server.app.consoleUsers().create("editor@example.com", Role.EDITOR, PASSWORD);
        ConsoleClient editor = server.console();
        editor.signIn("editor@example.com", PASSWORD);
        editor.get("/console");
        assertThat(editor.get("/console/settings/channels").status()).isEqualTo(403);
        Page refused = editor.post("/console/settings/channels/email-test", Map.of("from", "a@example.com", "to", "b@example.com"));
        assertThat(refused.status()).isEqualTo(403);
        assertThat(refused.body()).contains("Your role (editor) may not do this; it needs admin.");
    }
}
