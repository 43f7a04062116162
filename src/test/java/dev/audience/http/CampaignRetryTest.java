package dev.audience.http;

import com.fasterxml.jackson.databind.JsonNode;
import dev.audience.channel.email.ScriptedSmtpServer;
import dev.audience.testing.ApiClient;
import dev.audience.testing.Backend;
import dev.audience.testing.TestServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import static dev.audience.http.CampaignEmailTest.content;
import static dev.audience.http.CampaignEmailTest.m;
import static dev.audience.testing.ApiClient.json;
import static org.assertj.core.api.Assertions.assertThat;

/** A relay that answers 4xx then accepts, and one that answers "no such user": retry, then sent; fail and bounce. */
@ParameterizedClass
@EnumSource(Backend.class)
class CampaignRetryTest {
    @Parameter
    Backend backend;

    @Test
    void temporaryFailuresRetryAndDeadMailboxesBounce() throws Exception {
        try (ScriptedSmtpServer smtp = new ScriptedSmtpServer();
             TestServer server = new TestServer(backend, Map.of("smtp.host", "127.0.0.1", "smtp.port",
                     String.valueOf(smtp.port()), "smtp.connections", "1"))) {
            ApiClient api = server.api();
            api.put("/api/v1/profiles/r-a", json(m("email", "a@example.test")));
            api.put("/api/v1/profiles/r-b", json(m("email", "b@example.test")));
            api.post("/api/v1/segments", json(m("key", "r-list", "name", "R", "type", "static")));
            api.post("/api/v1/segments/r-list/members", json(m("userIds", List.of("r-a", "r-b"))));
            String id = api.post("/api/v1/campaigns", json(m("name", "Retry", "channel", "email",
                    "segments", List.of("r-list"), "content", content()))).json().get("id").asText();
            smtp.replyOnce("RCPT", "451 4.2.0 mailbox busy, try later").replyOnce("RCPT", "550 5.1.1 user unknown");

            api.post("/api/v1/campaigns/" + id + "/schedule", "");
            server.app.campaigns().tick();
            server.app.delivery().drain();
            JsonNode counts = api.get("/api/v1/campaigns/" + id).json().get("counts");
            assertThat(counts.get("retrying").asLong()).isEqualTo(1);
            assertThat(counts.get("failed").asLong()).isEqualTo(1);
            assertThat(api.get("/api/v1/profiles/r-b").json().get("emailStatus").asText()).as("a dead mailbox bounces")
                    .isEqualTo("bounced");
            JsonNode failed = api.get("/api/v1/campaigns/" + id + "/deliveries?status=failed").json().get("deliveries").get(0);
            assertThat(failed.get("reason").asText()).contains("550");
            assertThat(server.app.campaigns().tick()).as("not finished while a retry is pending").doesNotContain("sent " + id);

            assertThat(server.app.delivery().drain()).as("the retry waits for its time").isZero();
            server.clock.advance(Duration.ofMinutes(2));
            assertThat(server.app.delivery().drain()).isEqualTo(1);
            assertThat(server.app.campaigns().tick()).contains("sent " + id);
            counts = api.get("/api/v1/campaigns/" + id).json().get("counts");
            assertThat(counts.get("sent").asLong()).isEqualTo(1);
            assertThat(counts.get("failed").asLong()).isEqualTo(1);
            assertThat(smtp.accepted()).hasSize(1);
            assertThat(smtp.accepted().get(0)).contains("a@example.test");

            // a later campaign skips the bounced address without trying it
            String next = api.post("/api/v1/campaigns", json(m("name", "Next", "channel", "email",
                    "segments", List.of("r-list"), "content", content()))).json().get("id").asText();
            assertThat(api.get("/api/v1/campaigns/" + next + "/plan").json().get("skipped").get("bounced").asLong()).isEqualTo(1);
        }
    }
}
