package dev.audience.campaign;

import dev.audience.common.ConflictException;
import dev.audience.common.FieldError;
import dev.audience.common.InvalidInputException;
import dev.audience.common.NotFoundException;
import dev.audience.common.Validation;
import dev.audience.delivery.DeliveryLedger;
import dev.audience.delivery.DeliveryLedger.NewRow;
import dev.audience.delivery.DeliveryState;
import dev.audience.profile.Profile;
import dev.audience.profile.ProfileStore;
import dev.audience.segment.SegmentService;
import org.roaringbitmap.RoaringBitmap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.function.Consumer;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.function.Predicate;

/**
 * Campaign use cases: create and edit drafts, preview, send plan, test-send, schedule, cancel; and
 * {@link #tick()}, which starts due campaigns (audience → ledger rows, before anything leaves), expires
 * the overdue and marks finished ones sent. The messages themselves go out through the delivery workers.
 */
public final class CampaignService {
    private static final Logger LOG = LoggerFactory.getLogger(CampaignService.class);

    private final CampaignStore store;
    private final DeliveryLedger ledger;
    private final SegmentService segments;
    private final ProfileStore profiles;
    private final ContentChecker content;
    private final Clock clock;
    private final double ratePerSecond;
    private final Predicate<String> placementExists;
    private volatile Runnable bannersChanged = () -> {};
    private volatile Consumer<String> cancelling = id -> {};
    private volatile Runnable rowsQueued = () -> {};
    private volatile Runnable beforeAudience = () -> {};

    /** Checks and renders content; the email templates implement it. */
    public interface ContentChecker {
        List<FieldError> problems(EmailContent c);

        Map<String, String> preview(EmailContent c, Profile p, String campaignId);

        /** Field paths relative to the content, like the email's. */
        List<FieldError> problems(PushContent c);

        Map<String, Object> preview(PushContent c, Profile p);
    }

    /**
     * A banner that serving should know: an active or scheduled banner campaign for its audience and
     * window, or a test of a draft or scheduled one, shown to the test segment until {@code until}.
     */
    public record ServableBanner(Campaign campaign, BannerContent content, boolean test, List<String> segments,
                                 List<String> excludeSegments, Instant from, Instant until) {}

    public CampaignService(CampaignStore store, DeliveryLedger ledger, SegmentService segments, ProfileStore profiles,
                           ContentChecker content, Predicate<String> placementExists, Clock clock, double ratePerSecond) {
        this.store = store;
        this.ledger = ledger;
        this.segments = segments;
        this.profiles = profiles;
        this.content = content;
        this.clock = clock;
        this.ratePerSecond = ratePerSecond;
        this.placementExists = placementExists;
    }

    /** Called before an audience is computed: in a cluster, catching up with what other nodes wrote. */
    public void beforeAudience(Runnable catchUp) {
        this.beforeAudience = catchUp;
    }

    /**
     * Called with a campaign's id when it is cancelled, after its status changed and before its pending rows are
     * closed: a sending worker that does not ask the ledger at each hand-over stops handing its rows over.
     */
    public void onCancelling(Consumer<String> listener) {
        this.cancelling = listener;
    }

    /** Called each time a chunk of a starting campaign's ledger rows is committed: idle senders look now. */
    public void onRowsQueued(Runnable listener) {
        this.rowsQueued = listener;
    }

    /** Called after any change to what banners serving should show (the banner index rebuilds on it). */
    public void onBannersChanged(Runnable listener) {
        this.bannersChanged = listener;
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MILLIS);
    }

    public Campaign create(CampaignDraft d) {
        Validation v = new Validation();
        CampaignRules.name(v, d.name());
        CampaignRules.channel(v, d.channel());
        CampaignRules.segments(v, d.segments(), d.excludeSegments(), segments::exists);
        CampaignRules.expiry(v, d.expiresAt(), now());
        checkContent(v, d.channel(), d.content());
        v.throwIfInvalid();
        Instant now = now();
        Campaign c = new Campaign(UUID.randomUUID().toString(), d.name().strip(), d.channel(), d.segments(),
                d.excludeSegments() == null ? List.of() : d.excludeSegments(), d.content(), CampaignStatus.DRAFT, null, null,
                null, d.expiresAt(), Map.of(), now, now, null, null);
        store.insert(c);
        return c;
    }

    public Campaign patch(String id, CampaignPatch p) {
        Campaign c = get(id);
        if (c.status() != CampaignStatus.DRAFT) {
            throw new ConflictException("campaign " + id + " is " + c.status().wireName() + "; only drafts can be changed");
        }
        List<String> included = p.segments().orElse(c.segments());
        List<String> excluded = p.excludeSegments().present() && p.excludeSegments().value() == null ? List.of()
                : p.excludeSegments().orElse(c.excludeSegments());
        CampaignContent body = p.content().orElse(c.content());
        Validation v = new Validation();
        if (p.name().present()) CampaignRules.name(v, p.name().value());
        CampaignRules.segments(v, included, excluded, segments::exists);
        if (p.expiresAt().present()) CampaignRules.expiry(v, p.expiresAt().value(), now());
        if (p.content().present()) {
            if (body == null) v.check(false, "content", "cannot be removed");
            else checkContent(v, c.channel(), body);
        }
        v.throwIfInvalid();
        Campaign changed = new Campaign(id, p.name().orElse(c.name()).strip(), c.channel(), included, excluded, body,
                c.status(), null, null, null, p.expiresAt().orElse(c.expiresAt()), Map.of(), c.createdAt(), now(), null, null);
        changeFrom(CampaignStatus.DRAFT, changed);
        return changed;
    }

    private void checkContent(Validation v, String channel, CampaignContent c) {
        switch (c) {
            case null -> v.check(false, "content", "is required");
            case EmailContent e -> {
                if (Campaign.EMAIL.equals(channel)) content.problems(e).forEach(err -> v.add(err.under("content")));
            }
            case BannerContent b -> {
                if (Campaign.BANNER.equals(channel)) BannerRules.check(v, b, placementExists);
            }
            case PushContent p -> {
                if (Campaign.PUSH.equals(channel)) content.problems(p).forEach(err -> v.add(err.under("content")));
            }
        }
        boolean known = Campaign.EMAIL.equals(channel) || Campaign.BANNER.equals(channel) || Campaign.PUSH.equals(channel);
        boolean matches = c == null || !known || channelOf(c).equals(channel);
        v.check(matches, "content", "does not match the channel " + channel);
    }

    private static String channelOf(CampaignContent c) {
        return switch (c) {
            case EmailContent e -> Campaign.EMAIL;
            case BannerContent b -> Campaign.BANNER;
            case PushContent p -> Campaign.PUSH;
        };
    }

    public Campaign get(String id) {
        return store.find(id).orElseThrow(() -> new NotFoundException("no campaign with id " + id));
    }

    public List<Campaign> list() {
        return store.list();
    }

    public Map<DeliveryState, Long> counts(String id) {
        return ledger.counts(get(id).id());
    }

    /** The campaign's message as one real profile would get it. */
    public Map<String, ?> preview(String id, String userId) {
        Campaign c = get(id);
        return render(c.content(), profile(userId), c.id());
    }

    /**
     * Checks a campaign's name and content as {@link #create} would, without saving anything (a form's step
     * before the audience is chosen); an {@link InvalidInputException} names each problem.
     */
    public void check(String name, String channel, CampaignContent unsaved) {
        Validation v = new Validation();
        CampaignRules.name(v, name);
        CampaignRules.channel(v, channel);
        checkContent(v, channel, unsaved);
        v.throwIfInvalid();
    }

    /**
     * Content not saved yet (a form being filled in) as one real profile would get it: checked first, as
     * {@link #create} would check it (an {@link InvalidInputException} names each problem, Liquid errors with
     * their line and column), then rendered. Nothing is stored.
     */
    public Map<String, ?> preview(String channel, CampaignContent unsaved, String userId) {
        Validation v = new Validation();
        CampaignRules.channel(v, channel);
        checkContent(v, channel, unsaved);
        v.throwIfInvalid();
        return render(unsaved, profile(userId), "preview");
    }

    private Profile profile(String userId) {
        return profiles.find(userId).orElseThrow(() -> new NotFoundException("no profile with userId " + userId));
    }

    private Map<String, ?> render(CampaignContent c, Profile p, String campaignId) {
        return switch (c) {
            case EmailContent e -> content.preview(e, p, campaignId);
            case BannerContent b -> bannerPreview(b);
            case PushContent push -> content.preview(push, p);
        };
    }

    /** A banner is the same for everyone: its text and links as the SDK shows them. */
    private static Map<String, String> bannerPreview(BannerContent b) {
        Map<String, String> out = new LinkedHashMap<>();
        out.put("placement", b.placement());
        out.put("title", b.title());
        out.put("body", b.body());
        out.put("imageUrl", b.imageUrl());
        out.put("ctaLabel", b.cta() == null ? null : b.cta().label());
        out.put("ctaUrl", b.cta() == null ? null : b.cta().url());
        return out;
    }

    /** The audience now: target segments united, minus the excluded ones. */
    private record Audience(RoaringBitmap members, long excluded, Map<String, Long> versions) {}

    private Audience audience(Campaign c) {
        return audience(c.segments(), c.excludeSegments());
    }

    private Audience audience(List<String> included, List<String> excludedKeys) {
        // With several nodes, another node may have written newer segment versions or created profiles since
        // this node's last sync round (every 2 s): an audience is taken after catching up, never from an older
        // or not-yet-seen version (a campaign started from a segment not yet seen here found nobody).
        beforeAudience.run();
        RoaringBitmap union = new RoaringBitmap();
        Map<String, Long> versions = new TreeMap<>();
        for (String key : included) {
            union.or(segments.members(key));
            versions.put(key, segments.version(key));
        }
        RoaringBitmap out = new RoaringBitmap();
        for (String key : excludedKeys) {
            out.or(segments.members(key));
            versions.put(key, segments.version(key));
        }
        long excluded = RoaringBitmap.andCardinality(union, out);
        union.andNot(out);
        return new Audience(union, excluded, versions);
    }

    public SendPlan plan(String id) {
        Campaign c = get(id);
        return plan(c.channel(), audience(c));
    }

    /**
     * The plan of an audience not saved yet (a form being filled in): the same figures as {@link #plan(String)}
     * for a campaign on {@code channel} with these segments. An unknown segment or channel is an
     * {@link InvalidInputException}.
     */
    public SendPlan plan(String channel, List<String> included, List<String> excluded) {
        Validation v = new Validation();
        CampaignRules.channel(v, channel);
        CampaignRules.segments(v, included, excluded, segments::exists);
        v.throwIfInvalid();
        return plan(channel, audience(included, excluded == null ? List.of() : excluded));
    }

    private SendPlan plan(String channel, Audience a) {
        if (Campaign.BANNER.equals(channel)) { // shown in the app: no address needed, nobody skipped, no send rate
            long n = a.members().getLongCardinality();
            return new SendPlan(n, n, Map.of(), a.excluded(), null, a.versions());
        }
        Map<String, Long> skipped = new LinkedHashMap<>();
        for (String reason : Recipients.reasons(channel)) skipped.put(reason, 0L);
        long[] reachable = {0};
        Recipients.rows(channel, a.members(), profiles, rows -> {
            for (NewRow r : rows) {
                if (r.state() == DeliveryState.QUEUED) reachable[0]++;
                else skipped.merge(r.reason(), 1L, Long::sum);
            }
        });
        Long seconds = ratePerSecond <= 0 ? null : (long) Math.ceil(reachable[0] / ratePerSecond);
        return new SendPlan(a.members().getLongCardinality(), reachable[0], skipped, a.excluded(), seconds, a.versions());
    }

    /** What a test send did: its run id and how many messages were queued or skipped. */
    public record TestSend(String run, int queued, int skipped, List<String> unknown) {}

    /** Sends the campaign to a few people now, marked as a test; the campaign's status and counts stay as they are. */
    public TestSend testSend(String id, String segmentKey, List<String> userIds) {
        Campaign c = get(id);
        if (c.isBanner()) return testBanner(c, segmentKey, userIds);
        if ((segmentKey == null) == (userIds == null || userIds.isEmpty())) {
            throw new InvalidInputException("segment", "give either a segment or userIds");
        }
        RoaringBitmap who = new RoaringBitmap();
        List<String> unknown = new ArrayList<>();
        if (segmentKey != null) {
            who = segments.members(segmentKey);
        } else {
            var found = profiles.existingOrdinals(userIds);
            for (String u : userIds) {
                if (found.containsKey(u)) who.add(found.get(u));
                else unknown.add(u);
            }
        }
        if (who.getLongCardinality() > CampaignRules.MAX_TEST_RECIPIENTS) {
            throw new InvalidInputException(segmentKey != null ? "segment" : "userIds", "a test send goes to at most "
                    + CampaignRules.MAX_TEST_RECIPIENTS + " people; this has " + who.getLongCardinality());
        }
        String run = "test-" + UUID.randomUUID();
        int[] queued = {0}, skipped = {0};
        Instant now = now();
        Recipients.rows(c.channel(), who, profiles, rows -> {
            for (NewRow r : rows) {
                if (r.state() == DeliveryState.QUEUED) queued[0]++;
                else skipped[0]++;
            }
            ledger.write(c.id(), c.channel(), run, rows, now);
        });
        return new TestSend(run, queued[0], skipped[0], unknown);
    }

    /**
     * A banner test: the draft or scheduled banner shows to the members of an internal test segment (at most
     * {@value CampaignRules#MAX_TEST_RECIPIENTS}) for the next {@link CampaignRules#BANNER_TEST_HOURS} hours,
     * marked as a test; nobody else sees it and the campaign's status stays as it is.
     */
    private TestSend testBanner(Campaign c, String segmentKey, List<String> userIds) {
        if (userIds != null && !userIds.isEmpty()) {
            throw new InvalidInputException("userIds", "a banner test shows to the members of a segment; give segment instead");
        }
        if (segmentKey == null) throw new InvalidInputException("segment", "is required: the segment that sees the test");
        if (!segments.exists(segmentKey)) throw new InvalidInputException("segment", "no segment with key \"" + segmentKey + "\"");
        if (!segments.get(segmentKey).segment().internal()) {
            throw new InvalidInputException("segment", "a banner test shows only to an internal segment; \"" + segmentKey
                    + "\" is not one (mark it internal: PATCH /api/v1/segments/" + segmentKey + " {\"internal\": true})");
        }
        if (c.status() != CampaignStatus.DRAFT && c.status() != CampaignStatus.SCHEDULED) {
            throw new ConflictException("campaign " + c.id() + " is " + c.status().wireName()
                    + "; only a draft or scheduled banner can be tested");
        }
        long size = segments.members(segmentKey).getLongCardinality();
        if (size > CampaignRules.MAX_TEST_RECIPIENTS) {
            throw new InvalidInputException("segment", "a test goes to at most " + CampaignRules.MAX_TEST_RECIPIENTS
                    + " people; this has " + size);
        }
        Instant now = now();
        String run = "test-" + UUID.randomUUID();
        store.saveBannerTest(new BannerTest(c.id(), run, segmentKey, now, now.plus(CampaignRules.BANNER_TEST_HOURS, ChronoUnit.HOURS)));
        bannersChanged.run();
        return new TestSend(run, (int) size, 0, List.of());
    }

    /** draft → scheduled; it starts sending at {@code sendAt} (now when null). */
    public Campaign schedule(String id, Instant sendAt) {
        return schedule(id, sendAt, null);
    }

    /**
     * draft → scheduled at {@code sendAt} (now when null), given in {@code zone} (kept with the campaign to show the
     * time back as it was chosen; null when the time was given as an instant).
     */
    public Campaign schedule(String id, Instant sendAt, java.time.ZoneId zone) {
        Campaign c = get(id);
        if (c.status() != CampaignStatus.DRAFT) {
            throw new ConflictException("campaign " + id + " is " + c.status().wireName() + "; only a draft can be scheduled");
        }
        Instant now = now();
        Instant at = sendAt == null ? now : sendAt.truncatedTo(ChronoUnit.MILLIS);
        if (c.expiresAt() != null && !c.expiresAt().isAfter(at)) {
            throw new InvalidInputException("sendAt", "must be before the campaign's expiry (" + c.expiresAt() + ")");
        }
        Campaign scheduled = c.scheduledAt(at, zone, now);
        if (c.isBanner() && !at.isAfter(now)) scheduled = scheduled.with(CampaignStatus.ACTIVE, null, now);
        changeFrom(CampaignStatus.DRAFT, scheduled);
        if (c.isBanner()) bannersChanged.run();
        return scheduled;
    }

    /**
     * Stops a scheduled, sending or active campaign; messages not yet sent are cancelled, none is sent again;
     * a banner stops showing.
     */
    public Campaign cancel(String id) {
        Campaign c = get(id);
        if (c.status() != CampaignStatus.SCHEDULED && c.status() != CampaignStatus.SENDING
                && c.status() != CampaignStatus.ACTIVE) {
            throw new ConflictException("campaign " + id + " is " + c.status().wireName()
                    + "; only a scheduled, sending or active campaign can be cancelled");
        }
        Instant now = now();
        // The status first (a hand-over marked in the ledger checks it), then the senders that mark hand-overs in
        // their own journal are told; from then on no hand-over passes its check. Then the rows that have not left
        // are closed (a row whose hand-over passed just before is counted by its outcome).
        Campaign done = c.with(CampaignStatus.CANCELLED, "cancelled", now);
        changeFrom(c.status(), done);
        cancelling.accept(c.id());
        ledger.closePending(c.id(), DeliveryState.CANCELLED, now);
        if (c.isBanner()) bannersChanged.run();
        return done;
    }

    /**
     * Deletes a campaign that never reached anyone: a draft, or a cancelled, expired, failed or ended one that never
     * started (no ledger row of a real send, never shown as a banner). Its test sends and banner tests go with it.
     * A campaign that sent or showed anything is kept for its record (409): the ledger is the truth about who got
     * what. A scheduled, sending or active one must be cancelled first.
     */
    public void delete(String id) {
        Campaign c = get(id);
        if (c.status() == CampaignStatus.SCHEDULED || c.status() == CampaignStatus.SENDING || c.status() == CampaignStatus.ACTIVE) {
            throw new ConflictException("campaign \"" + c.name() + "\" is " + c.status().wireName() + "; cancel it first");
        }
        long sent = store.realDeliveries(id);
        if (sent > 0 || c.startedAt() != null) {
            String why = sent > 0 ? "has " + sent + (sent == 1 ? " message" : " messages") + " in the delivery ledger"
                    : c.isBanner() ? "was shown" : "was sent";
            throw new ConflictException("campaign \"" + c.name() + "\" " + why
                    + "; it is kept for its record and cannot be deleted");
        }
        if (!store.delete(id, c.status())) {
            throw new ConflictException("campaign " + id + " changed meanwhile; read it again and retry");
        }
        if (c.isBanner()) bannersChanged.run();
    }

    /**
     * A new draft with the same channel, content and audience, named "Copy of …"; its times (send time, expiry)
     * are not copied: they belong to one send. The copy is checked as a new campaign is (a segment deleted since
     * is refused at its field).
     */
    public Campaign duplicate(String id) {
        Campaign c = get(id);
        String name = "Copy of " + c.name();
        if (name.length() > CampaignRules.MAX_NAME) name = name.substring(0, CampaignRules.MAX_NAME - 1) + "…";
        return create(new CampaignDraft(name, c.channel(), c.segments(), c.excludeSegments(), c.content(), null));
    }

    /**
     * One round of campaign housekeeping: expire what is overdue, start what is due (its ledger rows are
     * written chunk by chunk, each chunk in one transaction, and a row always before its message leaves), and mark
     * sent what has nothing pending.
     * Returns what happened, for logs and tests.
     */
    public List<String> tick() {
        Instant now = now();
        List<String> done = new ArrayList<>();
        boolean banners = false;
        for (Campaign c : store.withStatus(CampaignStatus.SCHEDULED, CampaignStatus.SENDING, CampaignStatus.ACTIVE)) {
            if (c.isBanner()) {
                String change = bannerTick(c, now);
                if (change != null) {
                    done.add(change);
                    banners = true;
                }
            } else if (c.expiresAt() != null && !c.expiresAt().isAfter(now)) {
                if (store.update(c.with(CampaignStatus.EXPIRED, "expired at " + c.expiresAt(), now), c.status())) {
                    ledger.closePending(c.id(), DeliveryState.EXPIRED, now);
                    done.add("expired " + c.id());
                }
            } else if (c.status() == CampaignStatus.SCHEDULED && !c.sendAt().isAfter(now)) {
                if (start(c, now)) done.add("started " + c.id());
            } else if (c.status() == CampaignStatus.SENDING && !ledger.anyPending(c.id())) {
                if (store.update(c.with(CampaignStatus.SENT, null, now), CampaignStatus.SENDING)) done.add("sent " + c.id());
            }
        }
        if (banners) bannersChanged.run();
        return done;
    }

    /**
     * A banner's round: ended once its expiry has passed (whether it had started or not), active once its
     * start has come. Serving already honours both instants by itself; this keeps the status true.
     */
    private String bannerTick(Campaign c, Instant now) {
        if (c.expiresAt() != null && !c.expiresAt().isAfter(now)) {
            return store.update(c.with(CampaignStatus.ENDED, "expired at " + c.expiresAt(), now), c.status())
                    ? "ended " + c.id() : null;
        }
        if (c.status() == CampaignStatus.SCHEDULED && !c.sendAt().isAfter(now)) {
            return store.update(c.with(CampaignStatus.ACTIVE, null, now), CampaignStatus.SCHEDULED) ? "activated " + c.id() : null;
        }
        return null;
    }

    /**
     * What banner serving should show: scheduled and active banner campaigns (each within its own window),
     * and the tests still running.
     */
    public List<ServableBanner> servableBanners() {
        Instant now = now();
        List<ServableBanner> out = new ArrayList<>();
        Map<String, Campaign> byId = new java.util.HashMap<>();
        for (Campaign c : store.withStatus(CampaignStatus.SCHEDULED, CampaignStatus.ACTIVE)) {
            if (!(c.content() instanceof BannerContent b)) continue;
            byId.put(c.id(), c);
            out.add(new ServableBanner(c, b, false, c.segments(), c.excludeSegments(), c.sendAt(), c.expiresAt()));
        }
        for (BannerTest t : store.bannerTests(now)) {
            Campaign c = byId.containsKey(t.campaignId()) ? byId.get(t.campaignId()) : store.find(t.campaignId()).orElse(null);
            if (c == null || !(c.content() instanceof BannerContent b)
                    || (c.status() != CampaignStatus.DRAFT && c.status() != CampaignStatus.SCHEDULED)) continue;
            out.add(new ServableBanner(c, b, true, List.of(t.segment()), List.of(), t.startedAt(), t.until()));
        }
        return out;
    }

    /**
     * Writes the audience to the ledger, chunk by chunk (memory stays flat for a million recipients), then
     * moves the campaign to sending. The senders are woken after each chunk: the rows committed are sent while the
     * rest are written (the audience was fixed before the first chunk; the unique key keeps each person to one row).
     * A failure part way leaves it scheduled: the next round writes the rest, and rows already there are left as
     * they are. Only an audience that cannot be computed at all fails it.
     */
    private boolean start(Campaign c, Instant now) {
        Audience a;
        try {
            a = audience(c);
        } catch (RuntimeException e) {
            LOG.warn("campaign {} could not start", c.id(), e);
            store.update(c.with(CampaignStatus.FAILED, "the audience could not be built: " + e.getMessage(), now),
                    CampaignStatus.SCHEDULED);
            return false;
        }
        long[] written = {0};
        try {
            Recipients.rows(c.channel(), a.members(), profiles, rows -> {
                written[0] += ledger.write(c.id(), c.channel(), null, rows, now);
                rowsQueued.run(); // each row exists before its message leaves; the senders start on the first chunk
            });
        } catch (RuntimeException e) {
            LOG.warn("campaign {}: writing its ledger stopped after {} rows; the next round goes on", c.id(), written[0], e);
            return false;
        }
        if (!store.update(c.sendingWith(a.versions(), now), CampaignStatus.SCHEDULED)) {
            // Another node started it at the same moment (its rows and ours are the same rows: the unique key
            // let each be written once), or it was cancelled or expired while the rows were written: then
            // nothing of it may leave. Only the second case closes the rows.
            CampaignStatus after = store.find(c.id()).map(Campaign::status).orElse(CampaignStatus.CANCELLED);
            if (after == CampaignStatus.CANCELLED || after == CampaignStatus.EXPIRED || after == CampaignStatus.FAILED) {
                ledger.closePending(c.id(), after == CampaignStatus.EXPIRED ? DeliveryState.EXPIRED : DeliveryState.CANCELLED, now);
            }
            return false;
        }
        LOG.info("campaign {} started: {} rows in the ledger", c.id(), written[0]);
        return true;
    }

    /** Writes a change computed from a campaign in status {@code from}; 409 when it changed meanwhile. */
    private void changeFrom(CampaignStatus from, Campaign changed) {
        if (!store.update(changed, from)) {
            throw new ConflictException("campaign " + changed.id() + " changed meanwhile; read it again and retry");
        }
    }
}
