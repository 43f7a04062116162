package dev.audience.channel.push;

import com.google.auth.Retryable;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * Sends notifications to Android devices through FCM HTTP v1: one POST per message, many in flight over one
 * java.net.http client (HTTP/2 where the server offers it), each with the service account's current access
 * token. {@link #send} never throws for a delivery problem: every reply, and every failure to get one
 * (including the token endpoint's), completes the future with a {@link PushOutcome}.
 */
public final class FcmSender implements AutoCloseable {
    private final FcmCredentials credentials;
    private final URI sendUri;
    private final Duration timeout;
    private final Clock clock;
    private final ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();
    private final HttpClient http;

    FcmSender(FcmCredentials credentials, URI sendUri, Duration timeout, Clock clock) {
        this.credentials = Objects.requireNonNull(credentials, "credentials");
        this.sendUri = Objects.requireNonNull(sendUri, "sendUri");
        this.timeout = Objects.requireNonNull(timeout, "timeout");
        this.clock = Objects.requireNonNull(clock, "clock");
        // HTTP/2 over TLS (as FCM speaks it); a cleartext test endpoint gets plain HTTP/1.1 rather than an h2c
        // upgrade attempt on every new connection.
        boolean tls = "https".equalsIgnoreCase(sendUri.getScheme());
        this.http = HttpClient.newBuilder().version(tls ? HttpClient.Version.HTTP_2 : HttpClient.Version.HTTP_1_1)
                .connectTimeout(timeout).executor(executor).build();
    }

    /** @throws PushSetupException when the credentials file does not load */
    public static FcmSender open(FcmSettings settings, Clock clock) {
        FcmCredentials credentials = FcmCredentials.load(settings.credentialsFile());
        return new FcmSender(credentials, settings.sendUri(credentials.projectId()), settings.timeout(), clock);
    }

    public CompletableFuture<PushOutcome> send(PushMessage m) {
        Instant now = clock.instant();
        if (PushExpiry.expired(m.expiresAt(), now)) {
            return CompletableFuture.completedFuture(new PushOutcome.FailedPermanently(
                    "expired at " + m.expiresAt().get() + ", before it was sent"));
        }
        Duration ttl = PushExpiry.ttl(m.expiresAt(), now);
        int bytes = FcmPayloads.size(m.content(), ttl);
        if (bytes > FcmPayloads.MAX_BYTES) {
            return CompletableFuture.completedFuture(new PushOutcome.FailedPermanently(String.format(
                    "the FCM payload is %,d bytes for this recipient; FCM accepts at most %,d", bytes, FcmPayloads.MAX_BYTES)));
        }
        String body = FcmPayloads.json(m.token(), m.content(), ttl);
        // the access token may need a round trip to the token endpoint, which google-auth makes blocking
        return CompletableFuture.supplyAsync(this::authorization, executor)
                .thenCompose(auth -> http.sendAsync(request(auth, body), HttpResponse.BodyHandlers.ofString()))
                .handle((response, error) -> error == null
                        ? FcmReplies.classify(response.statusCode(), response.body(),
                                response.headers().firstValue("Retry-After"), clock.instant())
                        : failure(unwrap(error)));
    }

    private HttpRequest request(String authorization, String body) {
        return HttpRequest.newBuilder(sendUri).timeout(timeout)
                .header("Authorization", authorization)
                .header("Content-Type", "application/json; charset=UTF-8")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build();
    }

    /** "Bearer ACCESS_TOKEN", from google-auth's cache, fetched or refreshed at the token_uri when due. */
    private String authorization() {
        try {
            Map<String, List<String>> metadata = credentials.credentials().getRequestMetadata(sendUri);
            List<String> values = metadata.get("Authorization");
            if (values == null || values.isEmpty()) throw new IOException("google-auth returned no Authorization header");
            return values.get(0);
        } catch (IOException e) {
            throw new CompletionException(new AccessTokenException(e));
        }
    }

    private static PushOutcome failure(Throwable t) {
        if (t instanceof AccessTokenException e) {
            String why = "no FCM access token from " + e.getCause().getMessage();
            // google-auth marks a refused grant (4xx from the token endpoint) as not retryable
            if (e.getCause() instanceof Retryable r && !r.isRetryable()) return new PushOutcome.FailedPermanently(why);
            return new PushOutcome.RetryLater(why, Optional.empty());
        }
        return FcmReplies.failure(t);
    }

    private static Throwable unwrap(Throwable t) {
        while (t instanceof CompletionException && t.getCause() != null) t = t.getCause();
        return t;
    }

    @Override
    public void close() {
        http.close();
        executor.close();
    }

    /** The token endpoint did not give an access token; the cause says why. */
    private static final class AccessTokenException extends RuntimeException {
        AccessTokenException(IOException cause) {
            super(cause.getMessage(), cause, false, false);
        }
    }
}
