package dev.audience.http.console;

import dev.audience.campaign.Campaign;
import dev.audience.profile.Platform;
import dev.audience.testing.ApiClient;
import dev.audience.testing.TestServer;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static dev.audience.testing.ApiClient.json;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A small web shop's month, made through the API so that the console shows what it would show a marketer: 48
 * customers with names, plans and cities, their page views and purchases over 30 days, a few phones, segments whose
 * size changed day by day, a newsletter already sent, one scheduled, and a banner with a week of impressions. The
 * clock ends a week after it started; every figure follows from the fixed lists below.
 */
final class ShopData {
    static final String[] FIRST = {"Ada", "Bruno", "Chloé", "Dmitri", "Elena", "Farid", "Greta", "Hiro", "Inès", "Jonas",
            "Kaia", "Luca", "Mina", "Nils", "Olga", "Pablo"};
    static final String[] CITIES = {"Lyon", "Berlin", "Lisbon", "Oslo"};
    static final String[] PLANS = {"free", "pro", "team"};
    static final int CUSTOMERS = 48;
    /** The team: an internal static list that test sends go to. */
    static final List<String> TEAM = List.of("team-maria", "team-sam");
    /** Out of ten customers, how many come back on each day of the week that follows. */
    private static final int[] BACK = {0, 1, 2, 1, 3, 4, 2, 3};

    private ShopData() {}

    static String customer(int i) {
        return String.format("cust-%03d", i);
    }

    /** Customer i visits /pricing on their last visit when i % 3 != 0, and has an email unless i % 16 == 15. */
    static void load(TestServer server) {
        ApiClient api = server.api();
        Instant now = server.clock.instant();
        for (int i = 1; i <= CUSTOMERS; i++) {
            String first = FIRST[i % FIRST.length];
            Map<String, Object> profile = new java.util.LinkedHashMap<>();
            if (i % 16 != 15) profile.put("email", first.toLowerCase(java.util.Locale.ROOT).replace("é", "e").replace("è", "e") + "." + i + "@example.com");
            profile.put("timezone", "Europe/Paris");
            profile.put("attributes", Map.of("first_name", first, "plan", PLANS[i % 3], "city", CITIES[i % 4]));
            assertThat(api.put("/api/v1/profiles/" + customer(i), json(profile)).status()).isBetween(200, 201);
            if (i % 5 == 0) server.app.profiles().addPushToken(customer(i), String.format("%064x", i), i % 2 == 0 ? Platform.IOS : Platform.ANDROID);
        }
        for (String t : TEAM) {
            api.put("/api/v1/profiles/" + t, json(Map.of("email", t.substring(5) + "@shop.example", "attributes",
                    Map.of("first_name", Character.toUpperCase(t.charAt(5)) + t.substring(6)))));
        }
        List<Map<String, Object>> events = new ArrayList<>();
        for (int i = 1; i <= CUSTOMERS; i++) {
            int last = i % 12; // days since customer i last came: some are regulars, some are drifting away
            for (int day = last; day < 30; day += 2 + i % 5) {
                String url = i % 3 != 0 && day == last ? "/pricing" : (day / 2) % 3 == 0 ? "/blog/spring-release" : "/";
                events.add(event(customer(i), "page_view", now.minus(Duration.ofDays(day)).minusSeconds(i * 60L), Map.of("url", url)));
            }
            if (i % 4 == 1) events.add(event(customer(i), "purchase", now.minus(Duration.ofDays(i % 9)), Map.of("amount", 20 + i)));
        }
        assertThat(api.post("/api/v1/events", json(Map.of("events", events))).status()).isEqualTo(200);

        api.post("/api/v1/segments", json(Map.of("key", "team", "name", "Team", "type", "static", "internal", true,
                "description", "Our own profiles, for test sends")));
        api.post("/api/v1/segments/team/members", json(Map.of("userIds", TEAM)));
        api.post("/api/v1/segments", json(Map.of("key", "buyers", "name", "Buyers", "type", "dynamic",
                "definition", "did purchase in last 30 days")));
        api.post("/api/v1/segments", json(Map.of("key", "active-week", "name", "Active this week", "type", "dynamic",
                "definition", "did page_view in last 7 days", "refresh", Map.of("every", "1d"))));
        api.post("/api/v1/segments", json(Map.of("key", "pro-plan", "name", "Pro plan", "type", "dynamic",
                "definition", "plan = \"pro\"")));

        String sent = campaign(api, "October newsletter", "buyers");
        api.post("/api/v1/campaigns/" + sent + "/schedule", "");
        server.app.campaigns().tick();
        server.app.delivery().drain();
        server.app.campaigns().tick();

        String banner = api.post("/api/v1/campaigns", json(Map.of("name", "Winter sale banner", "channel", "banner",
                "segments", List.of("everyone"), "weight", 60, "maxImpressionsPerDay", 3,
                "content", Map.of("placement", "hero", "title", "Winter sale: 20% off every plan",
                        "body", "Until December 1st, for new and current customers.",
                        "cta", Map.of("label", "See the plans", "url", "https://shop.example/pricing"),
                        "style", Map.of("preset", "promo"))))).json().get("id").asText();
        api.post("/api/v1/campaigns/" + banner + "/schedule", "");

        // an experiment on the pricing table: the app asks for each visitor's variant; some visitors upgrade
        api.post("/api/v1/experiments", json(Map.of("key", "pricing-table", "name", "Pricing table: annual first",
                "variants", List.of(Map.of("key", "monthly-first", "weight", 1), Map.of("key", "annual-first", "weight", 1)))));
        api.post("/api/v1/experiments/pricing-table/start", "");

        // a week goes by: people come back, the banner is seen and clicked, the weekly segment is refreshed each day
        ApiClient browser = server.api(server.publishableKey);
        for (int day = 1; day <= 7; day++) {
            server.clock.advance(Duration.ofDays(1));
            Instant today = server.clock.instant();
            List<Map<String, Object>> visits = new ArrayList<>();
            for (int i = 1; i <= CUSTOMERS; i++) {
                if ((i * 31 + day * 17) % 10 >= BACK[day]) continue; // more people come back as the sale goes on
                visits.add(event(customer(i), "page_view", today.minusSeconds(i * 30L), Map.of("url", i % 2 == 0 ? "/pricing" : "/")));
                String variant = browser.get("/api/v1/experiments/pricing-table/assignment?userId=" + customer(i)).json()
                        .get("variant").asText();
                if ((i + day) % (variant.equals("annual-first") ? 3 : 5) == 0) {
                    visits.add(event(customer(i), "upgrade", today.plusSeconds(i), Map.of("plan", "pro")));
                }
                browser.post("/api/v1/banners/" + banner + "/events", json(Map.of("type", "impression", "userId", customer(i))));
                if (i % 4 == day % 4) {
                    browser.post("/api/v1/banners/" + banner + "/events", json(Map.of("type", "click", "userId", customer(i))));
                }
            }
            api.post("/api/v1/events", json(Map.of("events", visits)));
            server.app.exposures().flush();
            server.app.segments().refresh("active-week");
        }
        server.app.segments().refresh("buyers");

        String later = campaign(api, "Black Friday preview", "pro-plan");
        api.post("/api/v1/campaigns/" + later + "/schedule", json(Map.of("sendAt",
                server.clock.instant().plus(Duration.ofDays(18)).toString())));
        server.app.campaigns().create(new dev.audience.campaign.CampaignDraft("App update push", Campaign.PUSH,
                List.of("active-week"), List.of(), new dev.audience.campaign.PushContent("{{ profile.first_name }}, version 5 is here",
                "Dark mode, faster search and offline lists.", null, "shopapp://whats-new",
                List.of(new dev.audience.campaign.PushContent.Action("open", "See what's new", "shopapp://whats-new"),
                        new dev.audience.campaign.PushContent.Action("later", "Later", "shopapp://home")),
                Map.of(), null, new dev.audience.campaign.PushContent.Android(null, "high", "#2457c5", null, null, null, null)), null));
    }

    private static String campaign(ApiClient api, String name, String segment) {
        return api.post("/api/v1/campaigns", json(Map.of("name", name, "channel", "email", "segments", List.of(segment),
                "content", Map.of("fromName", "Shop", "fromEmail", "news@shop.example", "subject", name,
                        "text", "Hello {{ profile.first_name }},\n\nNews from the shop.\n\nUnsubscribe: {{ unsubscribe_url }}"))))
                .json().get("id").asText();
    }

    private static Map<String, Object> event(String userId, String name, Instant at, Map<String, Object> properties) {
        return Map.of("userId", userId, "name", name, "timestamp", at.toString(), "properties", properties);
    }
}
