package dev.audience.demo;

import dev.audience.common.FieldError;
import dev.audience.event.EventProperties;
import dev.audience.event.EventService;
import dev.audience.event.IncomingEvent;
import dev.audience.common.Change;
import dev.audience.profile.EmailStatus;
import dev.audience.profile.Platform;
import dev.audience.profile.ProfileChanges;
import dev.audience.profile.ProfileService;
import dev.audience.segment.DefinitionInput;
import dev.audience.segment.RefreshSchedule;
import dev.audience.segment.SegmentDraft;
import dev.audience.segment.SegmentService;
import dev.audience.segment.SegmentType;
import dev.audience.segment.StaticMembers;
import dev.audience.storage.JsonColumns;
import dev.audience.experiment.Assignment;
import dev.audience.experiment.ExperimentDraft;
import dev.audience.experiment.ExperimentService;
import dev.audience.experiment.ExposureRecorder;
import dev.audience.experiment.Variant;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Believable demo data, the same for a given seed: 10,000 profiles (names, emails, plans, countries,
 * consent, some push tokens) and 200,000 events over the last 90 days, heavier for some users than others.
 */
public final class DemoData {
    public static final int PROFILES = 10_000;
    public static final int EVENTS = 200_000;
    private static final String[] FIRST = {"Ada", "Alan", "Grace", "Linus", "Margaret", "Dennis", "Barbara", "Ken",
            "Frances", "Edsger", "Radia", "Tim", "Hedy", "John", "Sophie", "Yukihiro", "Anita", "Guido", "Katherine", "Bjarne"};
    private static final String[] LAST = {"Lovelace", "Turing", "Hopper", "Torvalds", "Hamilton", "Ritchie", "Liskov",
            "Thompson", "Allen", "Dijkstra", "Perlman", "Berners-Lee", "Lamarr", "McCarthy", "Wilson", "Matsumoto", "Borg",
            "van Rossum", "Johnson", "Stroustrup"};
    private static final String[][] COUNTRIES = {{"FR", "Europe/Paris", "fr-FR"}, {"DE", "Europe/Berlin", "de-DE"},
            {"US", "America/New_York", "en-US"}, {"US", "America/Los_Angeles", "en-US"}, {"GB", "Europe/London", "en-GB"},
            {"BR", "America/Sao_Paulo", "pt-BR"}, {"JP", "Asia/Tokyo", "ja-JP"}, {"IN", "Asia/Kolkata", "en-IN"}};
    private static final String[] URLS = {"/", "/pricing", "/docs", "/features", "/blog/segments-that-update-themselves",
            "/blog/push-that-lands", "/signup", "/changelog"};
    private static final String[] FEATURES = {"segments", "campaigns", "banners", "experiments", "reports"};

    private final ProfileService profiles;
    private final EventService events;
    private final Clock clock;
    private final Random random;

    public DemoData(ProfileService profiles, EventService events, Clock clock, long seed) {
        this.profiles = profiles;
        this.events = events;
        this.clock = clock;
        this.random = new Random(seed);
    }

    public record Summary(int profiles, int events) {}

    public static String userId(int n) {
        return String.format("user-%05d", n);
    }

    public Summary create() {
        for (int n = 1; n <= PROFILES; n++) createProfile(n);
        int stored = 0;
        Instant now = clock.instant();
        List<IncomingEvent> batch = new ArrayList<>(10_000);
        for (int i = 0; i < EVENTS; i++) {
            batch.add(event(i, now));
            if (batch.size() == 10_000) {
                stored += events.ingest(batch, Map.<Integer, List<FieldError>>of()).accepted();
                batch.clear();
            }
        }
        if (!batch.isEmpty()) stored += events.ingest(batch, Map.of()).accepted();
        return new Summary(PROFILES, stored);
    }

    private void createProfile(int n) {
        String first = FIRST[random.nextInt(FIRST.length)];
        String last = LAST[random.nextInt(LAST.length)];
        String[] country = COUNTRIES[random.nextInt(COUNTRIES.length)];
        double r = random.nextDouble();
        String plan = r < 0.6 ? "free" : r < 0.9 ? "pro" : "team";
        double c = random.nextDouble();
        EmailStatus status = c < 0.03 ? EmailStatus.UNSUBSCRIBED : c < 0.04 ? EmailStatus.BOUNCED : EmailStatus.SUBSCRIBED;
        Map<String, Object> attrs = new LinkedHashMap<>();
        attrs.put("first_name", first);
        attrs.put("last_name", last);
        attrs.put("plan", plan);
        attrs.put("country", country[0]);
        attrs.put("signup_source", random.nextBoolean() ? "organic" : random.nextBoolean() ? "ads" : "referral");
        attrs.put("lifetime_value", Math.round(random.nextDouble() * (plan.equals("free") ? 0 : 2400) * 100) / 100.0);
        String email = (first + "." + last).toLowerCase().replace(' ', '-') + n + "@example.com";
        profiles.put(userId(n), new ProfileChanges(Change.to(email), Change.to(status), Change.to(country[1]),
                Change.to(country[2]), attrs));
        if (random.nextDouble() < 0.3) {
            byte[] token = new byte[32];
            random.nextBytes(token);
            Platform platform = random.nextBoolean() ? Platform.IOS : Platform.ANDROID;
            String text = platform == Platform.IOS ? HexFormat.of().formatHex(token)
                    : "fcm-" + HexFormat.of().formatHex(token) + ":APA91b" + n;
            profiles.addPushToken(userId(n), text, platform);
        }
    }

    /** A few meaningful segments: an internal list of testers, pricing visitors, and engaged users who never bought. */
    public static void createSegments(SegmentService segments, StaticMembers members) {
        segments.create(new SegmentDraft("testers", "Testers", "Internal list for test-sends", SegmentType.STATIC, null,
                null, true));
        members.add("testers", List.of(userId(1), userId(2), userId(3), userId(4), userId(5)));
        segments.create(new SegmentDraft("pricing-visitors", "Visited pricing in the last 30 days",
                "People weighing a purchase", SegmentType.DYNAMIC,
                new DefinitionInput.Text("did page_view where url = \"/pricing\" in last 30 days"),
                RefreshSchedule.Every.parse("15m"), false));
        segments.create(new SegmentDraft("engaged-never-bought", "Engaged, never bought",
                "Opened the app at least 5 times this month and never purchased", SegmentType.DYNAMIC,
                new DefinitionInput.Text("did app_open at least 5 times in last 30 days and not did purchase ever"),
                RefreshSchedule.Every.parse("1h"), false));
        segments.create(new SegmentDraft("paying-subscribed", "Paying and subscribed",
                "Pro or team plan, still subscribed to email", SegmentType.DYNAMIC,
                new DefinitionInput.Text("plan in (\"pro\", \"team\") and email_status = \"subscribed\""),
                new RefreshSchedule.Cron("0 * * * *"), false));
    }

    /** A draft email campaign and a draft push, ready to preview, plan and test-send; three active banners. */
    public static void createCampaigns(dev.audience.campaign.CampaignService campaigns) {
        campaigns.create(new dev.audience.campaign.CampaignDraft("Pricing follow-up", "email", List.of("pricing-visitors"),
                List.of("paying-subscribed"), new dev.audience.campaign.EmailContent("Acme", "hello@acme.example", null,
                "{{ profile.first_name | default: \"Hi\" }}, still thinking it over?",
                "Hi {{ profile.first_name | default: \"there\" }},\n\nYou looked at our plans recently. Reply to this email "
                        + "with any question.\n\nUnsubscribe: {{ unsubscribe_url }}",
                "<p>Hi {{ profile.first_name | default: \"there\" }},</p><p>You looked at our "
                        + "<a href=\"https://acme.example/pricing\">plans</a> recently.</p>"), null));
        // A draft push to the engaged users who never bought, with an image and two buttons.
        campaigns.create(new dev.audience.campaign.CampaignDraft("Come back offer", "push", List.of("engaged-never-bought"),
                List.of(), new dev.audience.campaign.PushContent("{{ profile.first_name | default: \"Hey\" }}, 20% off today",
                "Your first order with Acme, on us in part.", "https://acme.example/img/offer.png", "acme://offers/welcome",
                List.of(new dev.audience.campaign.PushContent.Action("open", "See the offer", "acme://offers/welcome"),
                        new dev.audience.campaign.PushContent.Action("later", "Remind me later", "acme://remind")),
                java.util.Map.of("offer", "welcome20"),
                new dev.audience.campaign.PushContent.Ios("default", null, null, "offers", "active", null, null),
                new dev.audience.campaign.PushContent.Android("offers", "high", "#ff6600", null, null, null, null)), null));
        // Two active banners competing for the top placement (3:1), and one in the sidebar for everyone.
        banner(campaigns, "Winter sale banner", List.of("pricing-visitors"), new dev.audience.campaign.BannerContent(
                "top", "Winter sale: 20% off every plan", "Until Sunday. Upgrade now and keep the price for a year.",
                null, new dev.audience.campaign.BannerContent.Cta("See plans", "https://acme.example/pricing"),
                new dev.audience.campaign.BannerContent.Style("promo", null, null, null), true, 75, 3));
        banner(campaigns, "Webinar banner", List.of("pricing-visitors"), new dev.audience.campaign.BannerContent(
                "top", "Live demo on Thursday", "Forty minutes, your questions answered.", null,
                new dev.audience.campaign.BannerContent.Cta("Save a seat", "https://acme.example/webinar"),
                new dev.audience.campaign.BannerContent.Style("info", null, null, null), true, 25, null));
        banner(campaigns, "Help centre banner", List.of(dev.audience.segment.Segment.EVERYONE),
                new dev.audience.campaign.BannerContent("sidebar", "Need a hand?", "Our guides answer most questions.", null,
                        new dev.audience.campaign.BannerContent.Cta("Open the guides", "https://acme.example/help"),
                        new dev.audience.campaign.BannerContent.Style("light", null, null, null), false, 50, null));
    }

    /**
     * A running experiment on the pricing page with results to look at: the first 4,000 users are assigned (their
     * exposures recorded as any assignment's are), then some of them buy, a few more in the two-column variant.
     */
    public void createExperiment(ExperimentService experiments, ExposureRecorder exposures) {
        String key = "pricing-layout";
        experiments.create(new ExperimentDraft(key, "Pricing page layout", List.of(new Variant("control", 50),
                new Variant("two-column", 50)), List.of(), List.of(), null));
        experiments.start(key);
        Map<String, String> variants = new LinkedHashMap<>();
        for (int n = 1; n <= 4_000; n++) {
            Assignment a = experiments.assign(key, userId(n));
            if (a.inExperiment()) variants.put(userId(n), a.variant());
        }
        exposures.flush();
        Instant after = clock.instant();
        List<IncomingEvent> purchases = new ArrayList<>();
        variants.forEach((user, variant) -> {
            if (random.nextDouble() < (variant.equals("control") ? 0.06 : 0.085)) {
                String props = "{\"amount\":" + (5 + random.nextInt(500)) + ",\"currency\":\"EUR\"}";
                purchases.add(new IncomingEvent(user, "purchase", after, new EventProperties(props, List.of("amount", "currency")),
                        "demo-pricing-layout-" + user));
            }
        });
        events.ingest(purchases, Map.of());
    }

    private static void banner(dev.audience.campaign.CampaignService campaigns, String name, List<String> segments,
                               dev.audience.campaign.BannerContent content) {
        var c = campaigns.create(new dev.audience.campaign.CampaignDraft(name, "banner", segments, List.of(), content, null));
        campaigns.schedule(c.id(), null);
    }

    private IncomingEvent event(int i, Instant now) {
        // Squaring a uniform draw skews activity: low user numbers are the heavy users.
        double u = random.nextDouble();
        int user = 1 + (int) (u * u * PROFILES);
        Instant at = now.minus(Duration.ofSeconds((long) (random.nextDouble() * Duration.ofDays(90).toSeconds())));
        double kind = random.nextDouble();
        Map<String, Object> props = new LinkedHashMap<>();
        String name;
        if (kind < 0.5) {
            name = "page_view";
            props.put("url", URLS[random.nextInt(URLS.length)]);
        } else if (kind < 0.75) {
            name = "app_open";
            props.put("platform", random.nextBoolean() ? "ios" : "android");
        } else if (kind < 0.87) {
            name = "feature_used";
            props.put("feature", FEATURES[random.nextInt(FEATURES.length)]);
        } else if (kind < 0.97) {
            name = "add_to_cart";
            props.put("sku", "SKU-" + (100 + random.nextInt(50)));
        } else {
            name = "purchase";
            props.put("amount", 5 + random.nextInt(500));
            props.put("currency", "EUR");
        }
        return new IncomingEvent(userId(user), name, at, new EventProperties(JsonColumns.write(props), List.copyOf(props.keySet())),
                "demo-" + i);
    }
}
