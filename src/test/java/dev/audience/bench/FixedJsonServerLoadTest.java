package dev.audience.bench;

import org.junit.jupiter.api.Test;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** wrk (Debian's, which ./audience test installs) against FixedJsonServer: behaviour, not speed. */
class FixedJsonServerLoadTest {
    private static final byte[] BODY = "{\"banner\":{\"id\":\"b-1\",\"title\":\"Hello\"}}".getBytes(StandardCharsets.UTF_8);

    @Test
    void answersEveryGetWithTheBody() throws Exception {
        try (FixedJsonServer server = new FixedJsonServer(BODY); HttpClient client = HttpClient.newHttpClient()) {
            HttpResponse<byte[]> r = client.send(HttpRequest.newBuilder(server.url().resolve("/any/path?x=1")).build(),
                    HttpResponse.BodyHandlers.ofByteArray());
            assertThat(r.statusCode()).isEqualTo(200);
            assertThat(r.headers().firstValue("Content-Type")).hasValue("application/json");
            assertThat(r.body()).isEqualTo(BODY);
        }
    }

    @Test
    void wrkForOneSecondGetsAnswersAndNoErrors() throws Exception {
        try (FixedJsonServer server = new FixedJsonServer(BODY)) {
            WrkLoad.Result r = new WrkLoad(1, List.of("Authorization: Bearer aud_pk_test")).run(server.url());
            assertThat(r.requests()).isPositive();
            assertThat(r.requestsPerSecond()).isPositive();
            assertThat(r.non2xx()).isZero();
            assertThat(r.socketErrors()).isZero();
            assertThat(r.p99Micros()).isGreaterThanOrEqualTo(r.p50Micros());
        }
    }
}
