package dev.audience.delivery;

import dev.audience.campaign.Campaign;
import dev.audience.campaign.CampaignStatus;
import dev.audience.campaign.CampaignStore;
import dev.audience.campaign.Recipients;
import dev.audience.campaign.template.CompiledPush;
import dev.audience.campaign.template.PushTemplates;
import dev.audience.campaign.template.RenderedPush;
import dev.audience.channel.push.PushMessage;
import dev.audience.channel.push.PushOutcome;
import dev.audience.delivery.DeliveryLedger.Attempt;
import dev.audience.delivery.DeliveryLedger.Transition;
import dev.audience.profile.Platform;
import dev.audience.profile.Profile;
import dev.audience.profile.ProfileStore;
import dev.audience.profile.PushToken;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;

/**
 * Sends what the ledger says is due on the push channel, a batch at a time: claims rows, renders each
 * person's notification once, marks the batch sending (one transaction), sends to every valid device of
 * each person at once (APNs and FCM answer asynchronously over a few HTTP/2 connections), then records,
 * in one transaction each, the rows' outcomes and every device's attempt. A row is sent when any device
 * accepted, retried later when none did and one may yet (honouring Retry-After), failed when none can;
 * a token the provider calls dead is marked invalid on its profile and never used again.
 */
public final class PushWorker implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(PushWorker.class);
    static final int BATCH = 500;
    /**
     * Notifications awaiting their provider's answer, over all threads: enough to keep a few HTTP/2
     * connections busy, few enough that memory stays flat however large the campaign.
     */
    static final int MAX_IN_FLIGHT = 512;

    /** Sends one notification to one device through its platform's provider. */
    public interface PushTransport {
        CompletableFuture<PushOutcome> send(Platform platform, PushMessage message);
    }

    private final DeliveryLedger ledger;
    private final CampaignStore campaigns;
    private final ProfileStore profiles;
    private final PushTemplates templates;
    private final PushTransport transport;
    private final RetryPolicy retry;
    private final Clock clock;
    /** This node: recorded on the rows it claims; only its own rows' transitions succeed. */
    private final NodeLease holder;
    private final Map<String, CompiledPush> compiled = new ConcurrentHashMap<>();
    private final Semaphore inFlight = new Semaphore(MAX_IN_FLIGHT);
    private final SendingThreads threads = new SendingThreads("push-delivery");

    public PushWorker(DeliveryLedger ledger, CampaignStore campaigns, ProfileStore profiles, PushTemplates templates,
                      PushTransport transport, RetryPolicy retry, NodeLease holder, Clock clock) {
        this.ledger = ledger;
        this.holder = holder;
        this.campaigns = campaigns;
        this.profiles = profiles;
        this.templates = templates;
        this.transport = transport;
        this.retry = retry;
        this.clock = clock;
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MILLIS);
    }

    /** A row ready to go: the person's rendered notification and their devices. */
    private record Ready(Delivery row, Campaign campaign, RenderedPush push, List<PushToken> devices) {}

    /** What one device said. */
    private record DeviceResult(PushToken device, PushOutcome outcome) {}

    /** Claims and sends one batch; returns how many rows it handled (0 = nothing due). */
    public int runOnce() {
        List<Delivery> batch = ledger.claim(holder, Campaign.PUSH, BATCH, now());
        if (batch.isEmpty()) return 0;
        List<Transition> closed = new ArrayList<>();
        List<Ready> ready;
        try {
            ready = prepare(batch, closed);
        } catch (RuntimeException e) { // nothing has left: the rows go back to the queue
            LOG.warn("a push batch could not be prepared; its rows go back to the queue", e);
            ledger.apply(holder.node(), batch.stream().<Transition>map(d -> new Transition.Release(d.id())).toList(), now());
            return batch.size();
        }
        Instant now = now();
        List<Transition> sending = ready.stream().<Transition>map(r -> new Transition.Sending(r.row().id())).toList();
        boolean[] began = ledger.apply(holder.node(), sending, now);
        List<Ready> going = new ArrayList<>(ready.size());
        for (int i = 0; i < ready.size(); i++) {
            if (began[i]) going.add(ready.get(i));
            else closed.add(new Transition.Closed(ready.get(i).row().id(), closedState(ready.get(i).campaign().id())));
        }
        if (!closed.isEmpty()) ledger.apply(holder.node(), closed, now);
        // From here the rows are "sending": if recording the outcomes fails they stay so, and become unknown at
        // the next start-up; they are never sent twice.
        List<List<CompletableFuture<DeviceResult>>> sent = new ArrayList<>(going.size());
        for (Ready r : going) sent.add(send(r));
        record(going, sent);
        return batch.size();
    }

    private List<Ready> prepare(List<Delivery> batch, List<Transition> closed) {
        int[] ordinals = batch.stream().mapToInt(Delivery::ordinal).toArray();
        Map<Integer, Profile> people = new HashMap<>();
        for (Profile p : profiles.byOrdinals(ordinals)) people.put(p.ordinal(), p);
        Map<Integer, List<PushToken>> devices = profiles.validPushTokens(ordinals);
        Map<String, Optional<Campaign>> byId = new HashMap<>();
        List<Ready> ready = new ArrayList<>(batch.size());
        for (Delivery d : batch) {
            Campaign c = byId.computeIfAbsent(d.campaignId(), campaigns::find).orElse(null);
            Profile p = people.get(d.ordinal());
            List<PushToken> mine = devices.getOrDefault(d.ordinal(), List.of());
            if (c == null) closed.add(new Transition.Skipped(d.id(), "the campaign no longer exists"));
            else if (p == null) closed.add(new Transition.Skipped(d.id(), "the profile was erased"));
            else if (mine.isEmpty()) closed.add(new Transition.Skipped(d.id(), Recipients.NO_DEVICE));
            else {
                try {
                    RenderedPush r = templates.render(compiledFor(c), p, Map.of("campaign", Map.of("id", c.id())));
                    if (d.test()) {
                        r = new RenderedPush("[TEST] " + r.title(), r.body(), r.imageUrl(), r.url(), r.actions(), r.data(),
                                r.ios(), r.android());
                    }
                    ready.add(new Ready(d, c, r, mine));
                } catch (RuntimeException e) {
                    closed.add(new Transition.Failed(d.id(), "the push could not be rendered: " + e.getMessage()));
                }
            }
        }
        return ready;
    }

    private CompiledPush compiledFor(Campaign c) {
        return compiled.computeIfAbsent(c.id() + "@" + c.push().hashCode(), k -> templates.compile(c.push()));
    }

    private List<CompletableFuture<DeviceResult>> send(Ready r) {
        Optional<Instant> expires = Optional.ofNullable(r.campaign().expiresAt());
        List<CompletableFuture<DeviceResult>> out = new ArrayList<>(r.devices().size());
        for (PushToken t : r.devices()) {
            CompletableFuture<PushOutcome> f;
            inFlight.acquireUninterruptibly();
            try {
                f = transport.send(t.platform(), new PushMessage(t.token(), r.push(), expires));
            } catch (RuntimeException e) {
                f = CompletableFuture.completedFuture(new PushOutcome.RetryLater("not sent: " + e.getMessage(), Optional.empty()));
            }
            f.whenComplete((o, e) -> inFlight.release());
            out.add(f.handle((o, e) -> new DeviceResult(t, e == null ? o
                    : new PushOutcome.RetryLater("no answer: " + e.getMessage(), Optional.empty()))));
        }
        return out;
    }

    /** Waits for every device's answer, then writes the rows' outcomes, the attempts and the dead tokens. */
    private void record(List<Ready> going, List<List<CompletableFuture<DeviceResult>>> sent) {
        List<Transition> outcomes = new ArrayList<>(going.size());
        List<Attempt> attempts = new ArrayList<>();
        Map<String, String> dead = new LinkedHashMap<>();
        for (int i = 0; i < going.size(); i++) {
            Ready r = going.get(i);
            List<DeviceResult> results = sent.get(i).stream().map(CompletableFuture::join).toList();
            Instant at = now();
            for (DeviceResult x : results) {
                attempts.add(new Attempt(r.row().id(), r.row().attempts(), x.device().token(), x.device().platform().wireName(),
                        outcomeName(x.outcome()), reply(x.device(), x.outcome()), at));
                if (x.outcome() instanceof PushOutcome.TokenInvalid) dead.put(x.device().token(), reply(x.device(), x.outcome()));
            }
            outcomes.add(outcome(r.row(), results, at));
        }
        Instant now = now();
        ledger.apply(holder.node(), outcomes, now);
        ledger.recordAttempts(attempts);
        profiles.invalidatePushTokens(dead, now);
    }

    /** Sent if any device accepted; retried if none did and one may yet; failed otherwise. */
    private Transition outcome(Delivery d, List<DeviceResult> results, Instant now) {
        long accepted = results.stream().filter(x -> x.outcome() instanceof PushOutcome.Accepted).count();
        if (accepted > 0) {
            return new Transition.Sent(d.id(), "accepted by " + accepted + " of " + results.size()
                    + (results.size() == 1 ? " device" : " devices"));
        }
        String replies = String.join("; ", results.stream().map(x -> reply(x.device(), x.outcome())).toList());
        Optional<java.time.Duration> wait = results.stream().map(DeviceResult::outcome)
                .filter(o -> o instanceof PushOutcome.RetryLater).map(o -> (PushOutcome.RetryLater) o)
                .map(o -> o.retryAfter().orElse(java.time.Duration.ZERO)).max(java.time.Duration::compareTo);
        if (wait.isEmpty()) return new Transition.Failed(d.id(), replies);
        Optional<Instant> next = retry.next(d.attempts(), now);
        if (next.isEmpty()) return new Transition.Failed(d.id(), "gave up after " + d.attempts() + " attempts: " + replies);
        Instant asked = now.plus(wait.get());
        return new Transition.Retry(d.id(), replies, asked.isAfter(next.get()) ? asked : next.get());
    }

    private static String outcomeName(PushOutcome o) {
        return switch (o) {
            case PushOutcome.Accepted a -> "accepted";
            case PushOutcome.TokenInvalid t -> "token-invalid";
            case PushOutcome.RetryLater r -> "retry-later";
            case PushOutcome.FailedPermanently f -> "failed";
        };
    }

    private static String provider(PushToken t) {
        return t.platform() == Platform.IOS ? "APNs: " : "FCM: ";
    }

    /** The provider's reply as people read it; provider replies already name APNs or FCM. */
    private static String reply(PushToken t, PushOutcome o) {
        String text = switch (o) {
            case PushOutcome.Accepted a -> "accepted " + a.providerId();
            case PushOutcome.TokenInvalid ti -> ti.reason();
            case PushOutcome.RetryLater rl -> rl.reason() + rl.retryAfter().map(w -> " (retry after " + w.toSeconds() + " s)").orElse("");
            case PushOutcome.FailedPermanently f -> f.reason();
        };
        return text.startsWith("APNs") || text.startsWith("FCM") ? text : provider(t) + text;
    }

    private DeliveryState closedState(String campaignId) {
        Campaign fresh = campaigns.find(campaignId).orElse(null);
        if (fresh == null) return DeliveryState.CANCELLED;
        boolean expired = fresh.status() == CampaignStatus.EXPIRED
                || (fresh.expiresAt() != null && !fresh.expiresAt().isAfter(now()));
        return expired ? DeliveryState.EXPIRED : DeliveryState.CANCELLED;
    }

    /** Sends until nothing is due now (tests, and the benchmark); returns how many rows were handled. */
    public int drain() {
        int total = 0;
        for (int n = runOnce(); n > 0; n = runOnce()) total += n;
        return total;
    }

    /** Runs {@code count} threads in the background; each looks again every {@code idleMillis} when idle. */
    public void start(int count, long idleMillis) {
        threads.start(count, idleMillis, this::runOnce);
    }

    /** Waits until a sending thread finds nothing due, or {@code millis} pass (benchmarks). */
    public void awaitIdle(long millis) throws InterruptedException {
        threads.awaitIdle(millis);
    }

    /** New rows were written: idle threads look now. */
    public void wake() {
        threads.wake();
    }

    /** Stops taking new batches and lets the batches in flight finish. */
    @Override
    public void close() {
        threads.stop();
    }
}
