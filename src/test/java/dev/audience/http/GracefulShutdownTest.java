package dev.audience.http;

import dev.audience.testing.Backend;
import dev.audience.testing.TestServer;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.OutputStream;
import java.net.ConnectException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;

import static org.assertj.core.api.Assertions.assertThat;

/** A request in flight when the server is told to stop is finished, not cut; new connections are refused. */
class GracefulShutdownTest {
    @Test
    void aRequestInFlightFinishesAfterStopBegins() throws Exception {
        TestServer server = new TestServer(Backend.EMBEDDED);
        int port = server.app.server().port();
        String body = "{\"email\": \"late@example.com\"}";
        try (Socket s = new Socket("127.0.0.1", port)) {
            OutputStream out = s.getOutputStream();
            out.write(("PUT /api/v1/profiles/in-flight HTTP/1.1\r\nHost: localhost\r\nAuthorization: Bearer "
                    + server.secretKey + "\r\nContent-Type: application/json\r\nContent-Length: " + body.length()
                    + "\r\n\r\n" + body.substring(0, 10)).getBytes(StandardCharsets.UTF_8));
            out.flush();
            assertThat(until(() -> server.app.server().requestsInFlight() == 1)).as("the request is being handled").isTrue();
            // the handler is now waiting for the rest of the body; stop the server meanwhile
            CompletableFuture<Void> stopping = CompletableFuture.runAsync(server::close);
            assertThat(until(() -> server.app.server().stopping())).as("stop has begun").isTrue();
            // (Jetty gives a request that is still uploading about a second more during a stop; this one is quick.)
            out.write(body.substring(10).getBytes(StandardCharsets.UTF_8));
            out.flush();
            String reply = new String(s.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(reply).startsWith("HTTP/1.1 201");
            assertThat(refusesNewConnections(port)).as("new connections are refused").isTrue();
            stopping.join();
        }
    }

    /** Spins until the condition holds (bounded, no sleeping). */
    private static boolean until(java.util.function.BooleanSupplier condition) {
        for (long i = 0; i < 50_000_000L; i++) {
            if (condition.getAsBoolean()) return true;
            Thread.onSpinWait();
        }
        return false;
    }

    /** Tries to connect until the port refuses (bounded, no sleeping). */
    private static boolean refusesNewConnections(int port) {
        for (int i = 0; i < 1_000; i++) {
            try (Socket probe = new Socket("127.0.0.1", port)) {
                Thread.onSpinWait();
            } catch (ConnectException e) {
                return true;
            } catch (IOException e) {
                return true;
            }
        }
        return false;
    }

}
