package dev.audience.app;

import dev.audience.banner.PlacementService;
import dev.audience.apikey.ApiKeyService;
import dev.audience.config.AudienceConfig;
import dev.audience.event.EventService;
import dev.audience.http.AudienceServer;
import dev.audience.http.Authenticator;
import dev.audience.http.OpsApi;
import dev.audience.http.SdkApi;
import dev.audience.http.api.EventsApi;
import dev.audience.http.api.ProfilesApi;
import dev.audience.profile.LiveProfiles;
import dev.audience.profile.ProfileService;
import dev.audience.profile.UserDirectory;
import dev.audience.http.api.SegmentsApi;
import dev.audience.http.api.CampaignsApi;
import dev.audience.http.api.LinksApi;
import dev.audience.http.api.PlacementsApi;
import dev.audience.campaign.CampaignService;
import dev.audience.campaign.template.EmailTemplates;
import dev.audience.channel.email.SmtpSender;
import dev.audience.channel.email.SmtpSettings;
import dev.audience.delivery.CampaignEmails;
import dev.audience.delivery.DeliveryWorker;
import dev.audience.delivery.HandoverJournal;
import dev.audience.delivery.Handovers;
import dev.audience.delivery.StoppedCampaigns;
import dev.audience.storage.MappedHandoverJournal;
import dev.audience.delivery.RateLimiter;
import dev.audience.delivery.RetryPolicy;
import dev.audience.delivery.tracking.Signer;
import dev.audience.http.api.ExperimentsApi;
import dev.audience.experiment.Assigner;
import dev.audience.experiment.ExperimentService;
import dev.audience.experiment.ExposureRecorder;
import dev.audience.experiment.SegmentMembership;
import dev.audience.segment.RefreshScheduler;
import dev.audience.segment.SegmentEvaluator;
import dev.audience.segment.SegmentIndex;
import dev.audience.segment.SegmentService;
import dev.audience.segment.StaticMembers;
import dev.audience.segment.sql.PropertyColumn;
import dev.audience.segment.sql.PropertyType;
import dev.audience.storage.Storage;
import dev.audience.storage.StorageFactory;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.audience.banner.BannerServing;
import dev.audience.banner.BannerTracking;
import dev.audience.banner.BannerViews;
import dev.audience.campaign.BannerContent;
import dev.audience.campaign.Campaign;
import dev.audience.campaign.CampaignStatus;
import dev.audience.event.EventQueue;
import dev.audience.http.api.BannerAnswers;
import dev.audience.http.api.BannersApi;
import dev.audience.http.BannerFastPath;
import dev.audience.http.IdempotencyKeys;
import dev.audience.http.console.Console;
import dev.audience.http.console.ConsoleHtml;
import dev.audience.user.ConsoleUserService;
import dev.audience.user.PasswordHasher;
import dev.audience.campaign.template.PushTemplates;
import dev.audience.channel.push.ApnsSender;
import dev.audience.channel.push.FcmSender;
import dev.audience.channel.push.PushMessage;
import dev.audience.channel.push.PushOutcome;
import dev.audience.delivery.PushWorker;
import dev.audience.delivery.LedgerLeases;
import dev.audience.delivery.NodeLease;
import dev.audience.profile.Platform;
import java.util.concurrent.CompletableFuture;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.Base64;
import java.util.List;

/** Wires storage, services and the HTTP server together; the one place that knows every part. */
public final class Application implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Application.class);
    /**
     * This node: holder of segment refresh leases and of the ledger rows it claims. Random per instance, so
     * two nodes never share one, even in one JVM (tests).
     */
    private final String node = NodeIds.next();
    private final NodeLease holder;
    /** Embedded: where the email worker marks its hand-overs (null in a cluster, which marks them in the ledger). */
    private final HandoverJournal journal;
    private final StoppedCampaigns stoppedCampaigns = new StoppedCampaigns();
    private final LedgerLeases leases;
    /** Cluster only (null when embedded): other nodes' changes into this node's memory. */
    private final ClusterSync sync;

    private final Storage storage;
    private final ApiKeyService apiKeys;
    private final ConsoleUserService consoleUsers;
    private final ProfileService profiles;
    private final UserDirectory profileDirectory;
    private final EventService events;
    private final PrometheusMeterRegistry metrics;
    private final SegmentService segments;
    private final StaticMembers staticMembers;
    private final RefreshScheduler scheduler;
    private final ExposureRecorder exposures;
    private final ExperimentService experiments;
    private final EmailTemplates templates;
    private final Signer signer;
    private final CampaignService campaigns;
    private final PlacementService placements;
    private final BannerViews bannerViews;
    private final EventQueue bannerEvents;
    private final BannerTracking bannerTracking;
    private final ExecutorService bannerRebuilds;
    private final BannerServing banners;
    private final Clock clock;
    private SmtpSender smtp;
    private DeliveryWorker delivery;
    private ApnsSender apns;
    private FcmSender fcm;
    private PushWorker push;
    private java.util.concurrent.ScheduledExecutorService campaignTimer;
    private final AudienceConfig config;
    private AudienceServer server;

    private Application(AudienceConfig config, Storage storage, Clock clock) {
        this.storage = storage;
        this.apiKeys = new ApiKeyService(storage.apiKeys(), clock, config.bootstrapKey());
        this.consoleUsers = new ConsoleUserService(storage.stateStores().consoleUsers(), new PasswordHasher(), clock);
        LiveProfiles live = new LiveProfiles();
        live.addAll(storage.profiles().allOrdinals());
        UserDirectory directory = new UserDirectory(storage.profiles(), live, clock, config.events().userCacheSize());
        this.profileDirectory = directory;
        this.profiles = new ProfileService(storage.profiles(), storage.events(), directory, clock);
        this.events = new EventService(storage.events(), storage.profiles(), directory, clock);
        this.config = config;
        storage.eventConditions().promote(config.events().promotedProperties().stream()
                .map(p -> new PropertyColumn(p.property(), PropertyType.valueOf(p.type().toUpperCase(java.util.Locale.ROOT))))
                .collect(java.util.stream.Collectors.toCollection(java.util.LinkedHashSet::new)));
        SegmentIndex index = new SegmentIndex();
        SegmentEvaluator evaluator = new SegmentEvaluator(storage.eventConditions(), storage.profileConditions(), index, live);
        this.segments = new SegmentService(storage.segments(), index, evaluator, storage.eventConditions(),
                storage.profiles(), directory, live, clock, config.segments().historyVersions(), node);
        segments.load();
        this.staticMembers = new StaticMembers(segments, storage.profiles());
        this.scheduler = new RefreshScheduler(segments, storage.segments(), clock);
        SegmentMembership membership = new SegmentMembership() {
            @Override
            public boolean contains(String segmentKey, int ordinal) {
                return segments.contains(segmentKey, ordinal);
            }

            @Override
            public long version(String segmentKey) {
                return segments.version(segmentKey);
            }
        };
        this.exposures = new ExposureRecorder(batch -> events.ingest(batch, java.util.Map.of()), clock);
        this.experiments = new ExperimentService(storage.experiments(), new Assigner(membership, directory::existing),
                exposures, storage.exposureCounts(), segments::exists, clock);
        experiments.load();
        segments.addUsage(experiments::usersOf);
        this.templates = new EmailTemplates();
        this.signer = new Signer(Base64.getDecoder().decode(storage.settings().getOrCreate("link-signing-secret",
                Application::newSecret)));
        this.campaigns = new CampaignService(storage.campaigns(), storage.ledger(), segments, storage.profiles(),
                new TemplateChecks(templates), key -> storage.stateStores().placements().find(key).isPresent(), clock,
                config.smtp().rate());
        this.bannerViews = new BannerViews();
        bannerViews.load(storage.stateStores().bannerActivity(), LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC));
        this.bannerEvents = new EventQueue("banner", batch -> events.ingest(batch, java.util.Map.of()));
        this.bannerTracking = new BannerTracking(storage.stateStores().bannerActivity(), bannerViews,
                id -> storage.campaigns().find(id).flatMap(c -> c.content() instanceof BannerContent b
                        ? Optional.of(new BannerTracking.Tracked(b.placement(), c.status() != CampaignStatus.DRAFT
                                && c.status() != CampaignStatus.SCHEDULED))
                        : Optional.empty()),
                bannerEvents, clock);
        this.bannerRebuilds = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "banner-index");
            t.setDaemon(true);
            return t;
        });
        this.banners = new BannerServing(new ServableBanners(campaigns), new SnapshotBitmaps(index), bannerRebuilds);
        index.onChange(banners::segmentChanged);
        // A campaign change is served as soon as its request returns: the index is rebuilt before it does.
        campaigns.onCancelling(stoppedCampaigns::stop);
        campaigns.onRowsQueued(this::wakeDelivery);
        campaigns.onBannersChanged(() -> {
            try {
                banners.rebuild();
            } catch (RuntimeException e) {
                LOG.error("rebuilding the banner index failed; the next banner round tries again", e);
            }
        });
        banners.rebuild();
        segments.addUsage(key -> storage.campaigns().list().stream()
                .filter(c -> !c.status().isFinal() && (c.segments().contains(key) || c.excludeSegments().contains(key)))
                .map(c -> "campaign \"" + c.name() + "\"").toList());
        this.placements = new PlacementService(storage.stateStores().placements(), storage.settings(),
                key -> campaigns.list().stream().filter(c -> c.content() instanceof BannerContent b && b.placement().equals(key)
                        && !c.status().isFinal()).map(c -> "banner \"" + c.name() + "\" (" + c.status().wireName() + ")").toList(),
                clock);
        placements.ensureBuiltIns();
        this.sync = config.database().embedded() ? null : new ClusterSync(storage.profiles(), live, segments, experiments);
        if (sync != null) campaigns.beforeAudience(sync::catchUpAudiences);
        this.holder = new NodeLease(node, java.time.Duration.ofSeconds(config.campaigns().leaseSeconds()));
        this.leases = new LedgerLeases(storage.ledger(), holder, clock, this::wakeDelivery);
        if (config.database().embedded()) {
            // One process owns an embedded store (DuckDB locks its file): a row still "sending" was caught by the
            // last stop, its outcome is unknown and it is not re-sent; rows only claimed go back to the queue.
            // The email worker's hand-overs are in its journal beside the store: what the last run left there is
            // taken in first (no answer read: unknown; accepted: sent), then the rest of the recovery runs.
            this.journal = MappedHandoverJournal.open(config.dataDir().resolve("handover.journal"));
            List<HandoverJournal.Entry> left = journal.leftByLastRun();
            int unknown = storage.ledger().recoverHandedOver(journal.namedNode(), left, clock.instant());
            if (!left.isEmpty()) LOG.info("{} messages were on their way when the server last stopped (handover journal)", left.size());
            journal.forgetLeftByLastRun();
            journal.beginRun(node);
            unknown += storage.ledger().recover(clock.instant());
            if (unknown > 0) LOG.warn("{} messages were being sent when the server last stopped; marked unknown", unknown);
            LOG.info("node {} (embedded store)", node);
        } else {
            this.journal = null;
            // A cluster: other nodes may be sending now. Only rows whose holder's lease ran out are recovered
            // (here, and every third of a lease by LedgerLeases); rows a live node holds are left alone.
            leases.runOnce();
            LOG.info("node {} joined the cluster on {} (ledger lease {} s)", node, storage.describe(),
                    config.campaigns().leaseSeconds());
        }
        this.clock = clock;
        this.metrics = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        new JvmMemoryMetrics().bindTo(metrics);
        new JvmGcMetrics().bindTo(metrics);
        new JvmThreadMetrics().bindTo(metrics);
        new ProcessorMetrics().bindTo(metrics);
    }

    private static String newSecret() {
        byte[] b = new byte[32];
        new java.security.SecureRandom().nextBytes(b);
        return Base64.getEncoder().encodeToString(b);
    }

    /** Opens the storage the configuration names (migrating it) and builds the services; no HTTP yet. */
    public static Application open(AudienceConfig config, Clock clock) {
        return new Application(config, StorageFactory.open(config), clock);
    }

    /** Starts the HTTP server on the configured host and port (0 = any free port). */
    public Application startHttp(AudienceConfig config) {
        long maxBody = config.http().maxBodyBytes();
        AudienceConfig.Smtp s = config.smtp();
        this.smtp = new SmtpSender(new SmtpSettings(s.host(), s.port(), SmtpSettings.Tls.valueOf(s.tls().toUpperCase(
                java.util.Locale.ROOT)), s.username(), s.password(), s.connections(),
                java.time.Duration.ofSeconds(s.timeoutSeconds())));
        // Push: each provider's sender is opened only when configured; a device on a provider that is not
        // configured fails with the settings to set.
        this.apns = config.push().apns().map(a -> ApnsSender.open(PushSettings.apns(a), clock)).orElse(null);
        this.fcm = config.push().fcm().map(f -> FcmSender.open(PushSettings.fcm(f), clock)).orElse(null);
        Authenticator auth = new Authenticator(apiKeys);
        BannerAnswers bannerAnswers = new BannerAnswers(banners, bannerViews, profileDirectory::existing, clock);
        server = new AudienceServer(config.http(), auth, metrics, List.of(
                new IdempotencyKeys(storage.stateStores().idempotency(), clock)::register,
                new OpsApi(storage, metrics)::register,
                new SdkApi()::register,
                new ProfilesApi(profiles, maxBody)::register,
                new EventsApi(events, maxBody, metrics)::register,
                new SegmentsApi(segments, staticMembers, maxBody, config.http().maxImportBytes())::register,
                new ExperimentsApi(experiments, maxBody)::register,
                new CampaignsApi(campaigns, storage.ledger(), bannerTracking, this::wakeDelivery, maxBody)::register,
                new BannersApi(bannerAnswers, bannerTracking, maxBody)::register,
                new LinksApi(signer, storage.ledger(), storage.profiles(), events, clock)::register,
                new PlacementsApi(placements, maxBody)::register,
                new Console(new Console.Services(consoleUsers, apiKeys, profiles, events, segments, staticMembers,
                        campaigns, storage.ledger(), storage.profiles(), bannerTracking, placements, experiments,
                        new ServerChannelChecks(config, smtp, apns, fcm), this::wakeDelivery, clock),
                        config.publicUrl().filter(u -> u.startsWith("https://")).isPresent())::register),
                List.of(new BannerFastPath(auth, bannerAnswers, metrics)), new ConsoleHtml());
        this.delivery = new DeliveryWorker(storage.ledger(), storage.campaigns(), storage.profiles(),
                new CampaignEmails(templates, signer, config.publicBaseUrl(server.port()), s.unsubscribeMailto()),
                new SmtpEmailTransport(smtp), new RateLimiter(s.rate()), new RetryPolicy(s.maxAttempts(), java.time.Duration.ofMinutes(1), java.time.Duration.ofHours(2)),
                holder, handovers(), clock);
        this.push = new PushWorker(storage.ledger(), storage.campaigns(), storage.profiles(), new PushTemplates(),
                this::sendPush, new RetryPolicy(5, java.time.Duration.ofMinutes(1), java.time.Duration.ofHours(2)), holder, clock);
        LOG.info("storage: {}", storage.describe());
        return this;
    }

    private CompletableFuture<PushOutcome> sendPush(Platform platform, PushMessage m) {
        return switch (platform) {
            case IOS -> apns != null ? apns.send(m) : CompletableFuture.completedFuture(new PushOutcome.FailedPermanently(
                    "APNs is not configured (apns.key_file, apns.key_id, apns.team_id, apns.topic)"));
            case ANDROID -> fcm != null ? fcm.send(m) : CompletableFuture.completedFuture(new PushOutcome.FailedPermanently(
                    "FCM is not configured (fcm.credentials_file)"));
        };
    }

    /**
     * Starts the background work: segment refreshes on their schedules, exposure events stored every second.
     * The server does; tests call {@link #scheduler()} and {@link #exposures()} by hand instead.
     */
    public Application startScheduler() {
        scheduler.start(java.time.Duration.ofSeconds(config.segments().refreshCheckSeconds()));
        exposures.start();
        if (delivery != null) delivery.start(config.smtp().connections(), 1000);
        if (push != null) push.start(PUSH_THREADS, 1000);
        // A cluster's nodes renew their leases and recover those of nodes that are gone. An embedded server is the one
        // process on its store: its start-up recovery covers it, and a lease recovery could requeue a row whose message
        // is leaving (the journal, not the ledger, knows it is on its way) and send it twice.
        if (!config.database().embedded()) leases.start();
        campaignTimer = java.util.concurrent.Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "campaigns");
            t.setDaemon(true);
            return t;
        });
        campaignTimer.scheduleWithFixedDelay(() -> {
            try {
                if (!campaigns.tick().isEmpty()) wakeDelivery();
            } catch (RuntimeException e) {
                LOG.warn("campaign round failed", e);
            }
        }, 0, config.campaigns().checkSeconds(), java.util.concurrent.TimeUnit.SECONDS);
        // Banners: a change made on another node reaches this one within two seconds; a new UTC day
        // drops yesterday's impression counts from memory.
        campaignTimer.scheduleWithFixedDelay(this::bannerRound, 2, 2, java.util.concurrent.TimeUnit.SECONDS);
        // Cluster: profiles, segment snapshots, experiments and flags changed on other nodes, within two seconds.
        if (sync != null) campaignTimer.scheduleWithFixedDelay(sync::round, 2, 2, java.util.concurrent.TimeUnit.SECONDS);
        bannerEvents.start(batch -> { });
        return this;
    }

    private LocalDate bannerDay;

    private void bannerRound() {
        try {
            banners.refreshIfChanged();
            LocalDate today = bannerTracking.today();
            if (!today.equals(bannerDay)) {
                if (bannerDay != null) bannerViews.forgetIdle(today);
                bannerDay = today;
            }
        } catch (RuntimeException e) {
            LOG.warn("banner round failed", e);
        }
    }

    /** Threads sending push batches; each has up to a batch of notifications in flight. */
    private static final int PUSH_THREADS = 4;

    private void wakeDelivery() {
        if (delivery != null) delivery.wake();
        if (push != null) push.wake();
    }

    /** The push sending side (created with the HTTP server). */
    public PushWorker push() {
        return push;
    }

    public CampaignService campaigns() {
        return campaigns;
    }

    /** Where the email worker marks hand-overs: this process's journal (embedded), or the ledger (cluster). */
    public Handovers handovers() {
        return journal != null ? new Handovers.InJournal(journal, stoppedCampaigns) : new Handovers.InLedger();
    }

    /** The sending side (created with the HTTP server, whose address is in every link). */
    public DeliveryWorker delivery() {
        return delivery;
    }

    /** This node's id (on the ledger rows it claims, and in its log). */
    public String node() {
        return node;
    }

    /** Cluster: takes in other nodes' changes now (the server does every 2 s; tests call it by hand). */
    public void syncCluster() {
        if (sync != null) sync.runOnce();
    }

    /** This node's ledger leases: renewal and recovery of other nodes' expired rows (tests call runOnce). */
    public LedgerLeases leases() {
        return leases;
    }

    public ExposureRecorder exposures() {
        return exposures;
    }

    public BannerServing banners() {
        return banners;
    }

    /** Banner actions waiting to be stored as analytics events (flushed every second by the server). */
    public EventQueue bannerEvents() {
        return bannerEvents;
    }

    public PlacementService placements() {
        return placements;
    }

    public ExperimentService experiments() {
        return experiments;
    }

    public RefreshScheduler scheduler() {
        return scheduler;
    }

    public SegmentService segments() {
        return segments;
    }

    public StaticMembers staticMembers() {
        return staticMembers;
    }

    public AudienceServer server() {
        return server;
    }

    public ApiKeyService apiKeys() {
        return apiKeys;
    }

    public ConsoleUserService consoleUsers() {
        return consoleUsers;
    }

    public ProfileService profiles() {
        return profiles;
    }

    public EventService events() {
        return events;
    }

    public Storage storage() {
        return storage;
    }

    /** Graceful: the server stops taking requests and finishes those in flight, then storage closes. */
    @Override
    public void close() {
        try {
            scheduler.close();
            if (campaignTimer != null) campaignTimer.shutdownNow();
            if (server != null) server.stop();
            if (delivery != null) delivery.close();
            if (push != null) push.close();
            if (journal != null) journal.close(); // after the worker: its last outcomes are committed and let go
            leases.close(); // after the workers: the rows they finish stay theirs until then
            if (apns != null) apns.close();
            if (fcm != null) fcm.close();
            if (smtp != null) smtp.close();
            exposures.close();
            bannerEvents.close();
            bannerRebuilds.shutdownNow();
        } finally {
            storage.close();
        }
    }
}
