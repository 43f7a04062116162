package dev.audience.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import dev.audience.testing.ApiClient;
import dev.audience.testing.ApiClient.Reply;
import dev.audience.testing.Backend;
import dev.audience.testing.TestServer;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.AfterParameterizedClassInvocation;
import org.junit.jupiter.params.BeforeParameterizedClassInvocation;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static dev.audience.testing.ApiClient.json;
import static org.assertj.core.api.Assertions.assertThat;

/** A campaign from draft to sent, through a real SMTP server (GreenMail) on loopback, on both back ends. */
@ParameterizedClass
@EnumSource(Backend.class)
class CampaignEmailTest {
    @Parameter
    Backend backend;

    static GreenMail mail;
    static TestServer server;
    static ApiClient api;
    static int counter;

    @BeforeParameterizedClassInvocation
    static void start(Backend backend) {
        mail = new GreenMail(new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP).dynamicPort());
        mail.start();
        server = new TestServer(backend, Map.of("smtp.host", "127.0.0.1", "smtp.port",
                String.valueOf(mail.getSmtp().getPort()), "smtp.connections", "2"));
        api = server.api();
    }

    @AfterParameterizedClassInvocation
    static void stop() {
        server.close();
        mail.stop();
    }

    static Map<String, Object> m(Object... kv) {
        Map<String, Object> out = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) out.put((String) kv[i], kv[i + 1]);
        return out;
    }

    static Map<String, Object> content() {
        return m("fromName", "Acme Team", "fromEmail", "news@acme.test", "replyTo", "help@acme.test",
                "subject", "Hello {{ profile.first_name | default: \"there\" }}",
                "text", "Hi {{ profile.first_name | default: \"there\" }}, plan {{ profile.plan }}.\nUnsubscribe: {{ unsubscribe_url }}",
                "html", "<html><body><p>Hi {{ profile.first_name | default: \"there\" }}</p>"
                        + "<a href=\"https://acme.test/pricing?x=1\">Pricing</a></body></html>");
    }

    /** Profiles p-<n>-a (subscribed, named), -b (subscribed, no name), -c (unsubscribed), -d (no email), in a static segment. */
    static String audience(String prefix) {
        api.put("/api/v1/profiles/" + prefix + "a", json(m("email", prefix + "a@example.test", "attributes",
                m("first_name", "Ada", "plan", "pro"))));
        api.put("/api/v1/profiles/" + prefix + "b", json(m("email", prefix + "b@example.test")));
        api.put("/api/v1/profiles/" + prefix + "c", json(m("email", prefix + "c@example.test", "emailStatus", "unsubscribed")));
        api.put("/api/v1/profiles/" + prefix + "d", "{}");
        String key = prefix + "list";
        api.post("/api/v1/segments", json(m("key", key, "name", key, "type", "static")));
        api.post("/api/v1/segments/" + key + "/members", json(m("userIds",
                List.of(prefix + "a", prefix + "b", prefix + "c", prefix + "d"))));
        return key;
    }

    static String createCampaign(String segment) {
        Reply r = api.post("/api/v1/campaigns", json(m("name", "Welcome", "channel", "email", "segments", List.of(segment),
                "content", content())));
        assertThat(r.status()).as(r.body()).isEqualTo(201);
        return r.json().get("id").asText();
    }

    static List<MimeMessage> mailTo(String address) {
        List<MimeMessage> out = new ArrayList<>();
        for (MimeMessage msg : mail.getReceivedMessages()) {
            try {
                if (msg.getAllRecipients()[0].toString().equals(address)) out.add(msg);
            } catch (Exception e) {
                throw new AssertionError(e);
            }
        }
        return out;
    }

    static String part(MimeMessage msg, String type) throws Exception {
        MimeMultipart mp = (MimeMultipart) msg.getContent();
        for (int i = 0; i < mp.getCount(); i++) {
            if (mp.getBodyPart(i).isMimeType(type)) return mp.getBodyPart(i).getContent().toString();
        }
        throw new AssertionError("no " + type + " part");
    }

    @Test
    void aCampaignGoesFromDraftToSentWithExactCounts() throws Exception {
        String p = "cs" + (++counter) + "-";
        String segment = audience(p);
        String id = createCampaign(segment);

        JsonNode plan = api.get("/api/v1/campaigns/" + id + "/plan").json();
        assertThat(plan.get("audience").asLong()).isEqualTo(4);
        assertThat(plan.get("reachable").asLong()).isEqualTo(2);
        assertThat(plan.get("skipped").get("unsubscribed").asLong()).isEqualTo(1);
        assertThat(plan.get("skipped").get("no email").asLong()).isEqualTo(1);

        JsonNode preview = api.get("/api/v1/campaigns/" + id + "/preview?userId=" + p + "a").json();
        assertThat(preview.get("subject").asText()).isEqualTo("Hello Ada");
        assertThat(preview.get("text").asText()).contains("plan pro");

        assertThat(api.post("/api/v1/campaigns/" + id + "/schedule", "").json().get("status").asText()).isEqualTo("scheduled");
        assertThat(api.patch("/api/v1/campaigns/" + id, json(m("name", "x"))).status()).as("not a draft").isEqualTo(409);
        assertThat(server.app.campaigns().tick()).contains("started " + id);
        assertThat(api.get("/api/v1/campaigns/" + id).json().get("status").asText()).isEqualTo("sending");
        server.app.delivery().drain();
        assertThat(server.app.campaigns().tick()).contains("sent " + id);

        JsonNode c = api.get("/api/v1/campaigns/" + id).json();
        assertThat(c.get("status").asText()).isEqualTo("sent");
        assertThat(c.get("counts").get("sent").asLong()).isEqualTo(2);
        assertThat(c.get("counts").get("skipped").asLong()).isEqualTo(2);
        assertThat(c.get("segmentVersions").get(segment).asLong()).isEqualTo(2);

        List<MimeMessage> toA = mailTo(p + "a@example.test");
        assertThat(toA).hasSize(1);
        MimeMessage a = toA.get(0);
        assertThat(a.getSubject()).isEqualTo("Hello Ada");
        assertThat(a.getFrom()[0].toString()).isEqualTo("Acme Team <news@acme.test>");
        assertThat(a.getReplyTo()[0].toString()).isEqualTo("help@acme.test");
        assertThat(a.getMessageID()).matches("<d\\d+\\." + id + "@acme\\.test>");
        assertThat(a.getHeader("List-Unsubscribe-Post")[0]).isEqualTo("List-Unsubscribe=One-Click");
        String listUnsubscribe = a.getHeader("List-Unsubscribe", null).replaceAll("\\s+", "");
        assertThat(listUnsubscribe).contains("/u/").contains("mailto:unsubscribe@acme.test");
        assertThat(part(a, "text/plain")).contains("Hi Ada, plan pro.");
        String html = part(a, "text/html");
        assertThat(html).contains("/t/o/").contains("/t/c/").doesNotContain("href=\"https://acme.test/pricing");
        assertThat(mailTo(p + "b@example.test").get(0).getSubject()).isEqualTo("Hello there");
        assertThat(mailTo(p + "c@example.test")).as("unsubscribed: skipped").isEmpty();

        JsonNode skipped = api.get("/api/v1/campaigns/" + id + "/deliveries?status=skipped").json().get("deliveries");
        List<String> reasons = new ArrayList<>();
        skipped.forEach(d -> reasons.add(d.get("reason").asText()));
        assertThat(reasons).containsExactlyInAnyOrder("unsubscribed", "no email");

        // sending again changes nothing: one row per (campaign, profile, channel)
        assertThat(api.post("/api/v1/campaigns/" + id + "/schedule", "").status()).isEqualTo(409);
        assertThat(server.app.delivery().drain()).isZero();
        assertThat(mailTo(p + "a@example.test")).hasSize(1);

        // the click redirects to the original link, once counted, recorded as an event
        Matcher click = Pattern.compile("href=\"(http://[^\"]+/t/c/[^\"]+)\"").matcher(html);
        assertThat(click.find()).isTrue();
        HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(
                click.group(1).replace("&amp;", "&"))).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).isEqualTo(302);
        assertThat(r.headers().firstValue("Location")).contains("https://acme.test/pricing?x=1");
        JsonNode events = api.get("/api/v1/profiles/" + p + "a/events").json().get("events");
        assertThat(events.get(0).get("name").asText()).isEqualTo("email_clicked");
        HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(click.group(1).replace("&amp;", "&"))).build(),
                HttpResponse.BodyHandlers.ofString());
        Matcher pixel = Pattern.compile("src=\"(http://[^\"]+/t/o/[^\"]+)\"").matcher(html);
        assertThat(pixel.find()).isTrue();
        HttpResponse<byte[]> gif = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(
                pixel.group(1).replace("&amp;", "&"))).build(), HttpResponse.BodyHandlers.ofByteArray());
        assertThat(gif.headers().firstValue("Content-Type").orElse("")).startsWith("image/gif");
        JsonNode engaged = api.get("/api/v1/campaigns/" + id).json();
        assertThat(engaged.get("clicked").asLong()).as("a second click is not counted again").isEqualTo(1);
        assertThat(engaged.get("opened").asLong()).isEqualTo(1);
        String tampered = click.group(1).substring(0, click.group(1).length() - 3) + "xyz";
        assertThat(HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(tampered)).build(),
                HttpResponse.BodyHandlers.ofString()).statusCode()).as("no open redirect").isEqualTo(400);

        // one-click unsubscribe from the header's https link
        Matcher u = Pattern.compile("<(http[^>]+/u/[^>]+)>").matcher(listUnsubscribe);
        assertThat(u.find()).isTrue();
        HttpClient http = HttpClient.newHttpClient();
        assertThat(http.send(HttpRequest.newBuilder(URI.create(u.group(1))).build(), HttpResponse.BodyHandlers.ofString())
                .body()).contains("Unsubscribe").contains(p + "a@example.test");
        assertThat(api.get("/api/v1/profiles/" + p + "a").json().get("emailStatus").asText()).isEqualTo("subscribed");
        HttpResponse<String> forged = http.send(HttpRequest.newBuilder(URI.create(u.group(1) + "x"))
                .POST(HttpRequest.BodyPublishers.ofString("List-Unsubscribe=One-Click")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(forged.statusCode()).isEqualTo(400);
        assertThat(api.get("/api/v1/profiles/" + p + "a").json().get("emailStatus").asText()).isEqualTo("subscribed");
        HttpResponse<String> done = http.send(HttpRequest.newBuilder(URI.create(u.group(1)))
                .POST(HttpRequest.BodyPublishers.ofString("List-Unsubscribe=One-Click")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(done.statusCode()).isEqualTo(200);
        assertThat(api.get("/api/v1/profiles/" + p + "a").json().get("emailStatus").asText()).isEqualTo("unsubscribed");
        assertThat(api.get("/api/v1/profiles/" + p + "b").json().get("emailStatus").asText()).as("only that profile")
                .isEqualTo("subscribed");
    }

    @Test
    void aTestSendIsMarkedAndLeavesTheCampaignAlone() throws Exception {
        String p = "ts" + (++counter) + "-";
        String segment = audience(p);
        String id = createCampaign(segment);
        Reply r = api.post("/api/v1/campaigns/" + id + "/test-send", json(m("userIds", List.of(p + "a", "ghost"))));
        assertThat(r.status()).as(r.body()).isEqualTo(202);
        assertThat(r.json().get("unknown").get(0).asText()).isEqualTo("ghost");
        server.app.delivery().drain();
        MimeMessage t = mailTo(p + "a@example.test").get(0);
        assertThat(t.getSubject()).isEqualTo("[TEST] Hello Ada");
        assertThat(t.getHeader("X-Audience-Test")[0]).isEqualTo("true");
        JsonNode c = api.get("/api/v1/campaigns/" + id).json();
        assertThat(c.get("status").asText()).isEqualTo("draft");
        assertThat(c.get("counts").get("sent").asLong()).as("test sends are not counted").isZero();
        List<String> many = new ArrayList<>();
        for (int i = 0; i < 51; i++) many.add(p + "a");
        assertThat(api.post("/api/v1/campaigns/" + id + "/test-send", json(m("userIds", many))).status())
                .as("at most 50 people").isEqualTo(400);
    }

    @Test
    void cancelAndExpiryStopWhatHasNotLeft() {
        String p = "ce" + (++counter) + "-";
        String segment = audience(p);
        String later = createCampaign(segment);
        api.post("/api/v1/campaigns/" + later + "/schedule", json(m("sendAt", server.clock.instant().plus(Duration.ofHours(2)).toString())));
        assertThat(server.app.campaigns().tick()).doesNotContain("started " + later);
        assertThat(api.post("/api/v1/campaigns/" + later + "/cancel", "").json().get("status").asText()).isEqualTo("cancelled");
        assertThat(api.post("/api/v1/campaigns/" + later + "/cancel", "").status()).isEqualTo(409);

        Reply expiring = api.post("/api/v1/campaigns", json(m("name", "Flash sale", "channel", "email",
                "segments", List.of(segment), "content", content(),
                "expiresAt", server.clock.instant().plus(Duration.ofMinutes(30)).toString())));
        String id = expiring.json().get("id").asText();
        api.post("/api/v1/campaigns/" + id + "/schedule", "");
        server.app.campaigns().tick(); // started: rows queued, nothing sent yet
        server.clock.advance(Duration.ofMinutes(31));
        assertThat(server.app.campaigns().tick()).contains("expired " + id);
        JsonNode c = api.get("/api/v1/campaigns/" + id).json();
        assertThat(c.get("status").asText()).isEqualTo("expired");
        assertThat(c.get("counts").get("expired").asLong()).isEqualTo(2);
        assertThat(server.app.delivery().drain()).isZero();
        assertThat(mailTo(p + "a@example.test")).isEmpty();
    }

    @Test
    void badContentIsRefusedWithWhere() {
        String p = "bc" + (++counter) + "-";
        String segment = audience(p);
        Map<String, Object> bad = content();
        bad.put("html", "<p>\n{% if profile.plan %}\nno end");
        bad.put("fromEmail", "not-an-address");
        Reply r = api.post("/api/v1/campaigns", json(m("name", "Bad", "channel", "email", "segments", List.of(segment),
                "content", bad)));
        assertThat(r.status()).isEqualTo(400);
        List<String> fields = new ArrayList<>();
        r.json().get("errors").forEach(e -> fields.add(e.get("field").asText()));
        assertThat(fields).contains("content.html", "content.fromEmail");
        assertThat(r.body()).contains("line 2");
        assertThat(api.post("/api/v1/campaigns", json(m("name", "x", "channel", "email", "segments", List.of("nope"),
                "content", content()))).status()).isEqualTo(400);
        assertThat(api.post("/api/v1/campaigns", json(m("name", "x", "channel", "fax", "segments", List.of(segment),
                "content", content()))).status()).isEqualTo(400);
    }
}
