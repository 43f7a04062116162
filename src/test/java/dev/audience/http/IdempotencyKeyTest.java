package dev.audience.http;

import dev.audience.testing.Backend;
import dev.audience.testing.TestServer;
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

import static org.assertj.core.api.Assertions.assertThat;

@ParameterizedClass
@EnumSource(Backend.class)
class IdempotencyKeyTest {
    @Parameter
    Backend backend;

    static TestServer server;
    static final HttpClient HTTP = HttpClient.newHttpClient();
    static int counter;

    @BeforeParameterizedClassInvocation
    static void start(Backend backend) {
        server = new TestServer(backend);
    }

    @AfterParameterizedClassInvocation
    static void stop() {
        server.close();
    }

    static HttpResponse<String> post(String path, String body, String key) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.app.server().port() + path))
                .header("Authorization", "Bearer " + server.secretKey).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (key != null) b.header("Idempotency-Key", key);
        return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void aRetriedCreateGetsTheFirstAnswerAndCreatesNothingMore() throws Exception {
        String seg = "idem-" + (++counter);
        String body = "{\"key\":\"" + seg + "\",\"name\":\"Idem\",\"type\":\"static\"}";
        HttpResponse<String> first = post("/api/v1/segments", body, "retry-" + seg);
        assertThat(first.statusCode()).isEqualTo(201);
        assertThat(first.headers().firstValue("Idempotent-Replayed")).isEmpty();
        HttpResponse<String> again = post("/api/v1/segments", body, "retry-" + seg);
        assertThat(again.statusCode()).as("replayed, not a 409 for a duplicate key").isEqualTo(201);
        assertThat(again.body()).isEqualTo(first.body());
        assertThat(again.headers().firstValue("Idempotent-Replayed")).hasValue("true");
        assertThat(again.headers().firstValue("Content-Type").orElseThrow()).startsWith("application/json");
        // without the key, the same request is a new one: the segment exists already
        assertThat(post("/api/v1/segments", body, null).statusCode()).isEqualTo(409);
    }

    @Test
    void anErrorAnswerIsKeptTooAndAKeyBelongsToItsRoute() throws Exception {
        String key = "bad-" + (++counter);
        HttpResponse<String> bad = post("/api/v1/segments", "{\"name\":\"no key\"}", key);
        assertThat(bad.statusCode()).isEqualTo(400);
        HttpResponse<String> again = post("/api/v1/segments", "{\"name\":\"no key\"}", key);
        assertThat(again.statusCode()).isEqualTo(400);
        assertThat(again.headers().firstValue("Idempotent-Replayed")).hasValue("true");
        HttpResponse<String> elsewhere = post("/api/v1/placements", "{\"key\":\"idem-place-" + counter + "\"}", key);
        assertThat(elsewhere.statusCode()).as("the same key on another route is another request").isEqualTo(201);
    }

    @Test
    void keysAreKeptADayAndMustBeReadable() throws Exception {
        String seg = "idem-day-" + (++counter);
        String body = "{\"key\":\"" + seg + "\",\"name\":\"Idem\",\"type\":\"static\"}";
        assertThat(post("/api/v1/segments", body, "k-" + seg).statusCode()).isEqualTo(201);
        assertThat(post("/api/v1/segments", "{\"name\":\"x\"}", "bad key with spaces").statusCode()).isEqualTo(400);
        server.clock.advance(Duration.ofHours(25));
        assertThat(server.app.storage().stateStores().idempotency().expire(server.clock.instant().minus(Duration.ofHours(24))))
                .isPositive();
        assertThat(post("/api/v1/segments", body, "k-" + seg).statusCode()).as("forgotten: a new request").isEqualTo(409);
    }

    @Test
    void anotherCallerWithoutAValidKeyCannotReadAnswers() throws Exception {
        String seg = "idem-auth-" + (++counter);
        post("/api/v1/segments", "{\"key\":\"" + seg + "\",\"name\":\"Idem\",\"type\":\"static\"}", "auth-" + seg);
        HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.app.server().port()
                        + "/api/v1/segments")).header("Idempotency-Key", "auth-" + seg).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{}")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).isEqualTo(401);
    }
}
