package dev.audience.http;

import com.fasterxml.jackson.databind.JsonNode;
import dev.audience.testing.ApiClient;
import dev.audience.testing.Backend;
import dev.audience.testing.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.HashSet;
import java.util.Iterator;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class OpsApiTest {
    static TestServer server;
    static ApiClient anonymous;

    @BeforeAll
    static void start() {
        server = new TestServer(Backend.EMBEDDED);
        anonymous = server.api(null);
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void healthAndReadinessArePublic() {
        assertThat(anonymous.get("/healthz").status()).isEqualTo(200);
        ApiClient.Reply ready = anonymous.get("/readyz");
        assertThat(ready.status()).isEqualTo(200);
        assertThat(ready.json().get("status").asText()).isEqualTo("ready");
    }

    @Test
    void metricsArePrometheusText() {
        server.api().get("/api/v1/profiles/someone");
        String text = anonymous.get("/metrics").body();
        assertThat(text).contains("# TYPE audience_http_requests_seconds");
        assertThat(text).contains("route=\"/api/v1/profiles/{userId}\"");
        assertThat(text).contains("jvm_memory_used_bytes");
        assertThat(text).contains("audience_events_stored_total");
    }

    @Test
    void unknownRoutesAreProblems() {
        ApiClient.Reply r = server.api().get("/api/v1/nothing-here");
        assertThat(r.status()).isEqualTo(404);
        assertThat(r.contentType()).startsWith("application/problem+json");
    }

    /** Requests Jetty refuses before any route sees them are answered in problem+json too. */
    @Test
    void malformedRequestsAreProblemsToo() throws Exception {
        String badUri = raw("GET /api/v1/profiles/%zz HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
        assertThat(badUri).startsWith("HTTP/1.1 400").containsIgnoringCase("content-type: application/problem+json")
                .contains("\"status\":400").doesNotContain("<html");
        String hugeHeader = raw("GET /healthz HTTP/1.1\r\nHost: x\r\nX-Big: " + "a".repeat(20_000)
                + "\r\nConnection: close\r\n\r\n");
        assertThat(hugeHeader).startsWith("HTTP/1.1 431").containsIgnoringCase("content-type: application/problem+json")
                .contains("\"status\":431");
    }

    private static String raw(String request) throws Exception {
        try (java.net.Socket s = new java.net.Socket("127.0.0.1", server.app.server().port())) {
            s.getOutputStream().write(request.getBytes(java.nio.charset.StandardCharsets.ISO_8859_1));
            s.getOutputStream().flush();
            return new String(s.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.ISO_8859_1);
        }
    }

    /**
     * The OpenAPI document names every route of the JSON API (and the operators' routes), and nothing else. The rule
     * for what is not in it: the console's HTML pages, every route under /console (AudienceServer.Route#console), are
     * for people in a browser, not part of the API; none of them may be documented as API either.
     */
    @Test
    void openApiDocumentCoversEveryRoute() {
        JsonNode doc = anonymous.get("/api/openapi.json").json();
        assertThat(doc.get("openapi").asText()).startsWith("3.");
        Set<String> documented = new HashSet<>();
        for (Iterator<Map.Entry<String, JsonNode>> paths = doc.get("paths").fields(); paths.hasNext(); ) {
            Map.Entry<String, JsonNode> path = paths.next();
            for (Iterator<String> methods = path.getValue().fieldNames(); methods.hasNext(); ) {
                String m = methods.next();
                if (Set.of("get", "put", "post", "delete", "patch", "options").contains(m)) {
                    documented.add(m.toUpperCase(Locale.ROOT) + " " + path.getKey());
                }
            }
        }
        Set<String> served = new HashSet<>();
        server.app.server().apiRoutes().forEach(r -> served.add(r.method() + " " + r.path()));
        assertThat(served).isNotEmpty();
        assertThat(documented).containsExactlyInAnyOrderElementsOf(served);
        assertThat(server.app.server().routes()).anyMatch(r -> r.path().equals("/console/sign-in"))
                .allMatch(r -> r.console() == r.path().startsWith("/console"));
        assertThat(documented).noneMatch(route -> route.contains(" /console"));
    }
}
