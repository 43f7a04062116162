package dev.audience.channel.push;

import com.eatthepath.pushy.apns.ApnsClient;
import com.eatthepath.pushy.apns.DeliveryPriority;
import com.eatthepath.pushy.apns.PushType;
import com.eatthepath.pushy.apns.util.SimpleApnsPushNotification;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.nio.NioEventLoopGroup;

import java.time.Clock;
import java.time.Instant;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Sends notifications to iOS devices through APNs, many at once over the client's few HTTP/2 connections.
 * {@link #send} never throws for a delivery problem: every reply, and every failure to get one, completes the
 * future with a {@link PushOutcome}. A notification past its expiry or over APNs' size limit is not sent.
 */
public final class ApnsSender implements AutoCloseable {
    private final EventLoopGroup group;
    private final ApnsClient client;
    private final String topic;
    private final Clock clock;

    private ApnsSender(EventLoopGroup group, ApnsClient client, String topic, Clock clock) {
        this.group = group;
        this.client = client;
        this.topic = Objects.requireNonNull(topic, "topic");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /**
     * A sender with its own event loop (a thread per connection, at most one per core: the HTTP/2 streams of a
     * connection share its thread).
     *
     * @throws PushSetupException when the key or trust file does not load
     */
    public static ApnsSender open(ApnsSettings settings, Clock clock) {
        EventLoopGroup[] group = new EventLoopGroup[1];
        try {
            ApnsClient client = ApnsClients.build(settings, () -> group[0] = new NioEventLoopGroup(
                    Math.min(settings.connections(), Runtime.getRuntime().availableProcessors())));
            return new ApnsSender(group[0], client, settings.topic(), clock);
        } catch (RuntimeException e) {
            if (group[0] != null) group[0].shutdownGracefully(0, 1, TimeUnit.SECONDS);
            throw e;
        }
    }

    public CompletableFuture<PushOutcome> send(PushMessage m) {
        Instant now = clock.instant();
        if (PushExpiry.expired(m.expiresAt(), now)) {
            return CompletableFuture.completedFuture(new PushOutcome.FailedPermanently(
                    "expired at " + m.expiresAt().get() + ", before it was sent"));
        }
        String payload = ApnsPayloads.json(m.content());
        int bytes = PushJson.bytes(payload);
        if (bytes > ApnsPayloads.MAX_BYTES) {
            return CompletableFuture.completedFuture(new PushOutcome.FailedPermanently(String.format(
                    "the APNs payload is %,d bytes for this recipient; APNs accepts at most %,d", bytes, ApnsPayloads.MAX_BYTES)));
        }
        String collapseId = m.content().ios() == null ? null : m.content().ios().collapseId();
        var notification = new SimpleApnsPushNotification(m.token(), topic, payload, PushExpiry.deadline(m.expiresAt(), now),
                DeliveryPriority.IMMEDIATE, PushType.ALERT, collapseId);
        CompletableFuture<PushOutcome> outcome = new CompletableFuture<>();
        client.sendNotification(notification).whenComplete((r, error) -> outcome.complete(error != null
                ? ApnsReplies.failure(unwrap(error))
                : ApnsReplies.classify(r.getStatusCode(), r.getApnsId() == null ? null : r.getApnsId().toString(),
                        r.getRejectionReason(), r.getTokenInvalidationTimestamp())));
        return outcome;
    }

    /** Closes the connections, letting notifications in flight finish for up to {@code seconds}. */
    public void close(long seconds) {
        try {
            client.close().get(seconds, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | TimeoutException e) {
            // closing is best effort: the connections go away with the process anyway
        } finally {
            // no quiet period: the client has closed its connections, nothing else runs on this group
            group.shutdownGracefully(0, seconds, TimeUnit.SECONDS).awaitUninterruptibly(seconds, TimeUnit.SECONDS);
        }
    }

    @Override
    public void close() {
        close(10);
    }

    private static Throwable unwrap(Throwable t) {
        return t instanceof CompletionException && t.getCause() != null ? t.getCause() : t;
    }
}
