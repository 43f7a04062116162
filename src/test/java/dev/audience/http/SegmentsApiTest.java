package dev.audience.http;

import com.fasterxml.jackson.databind.JsonNode;
import dev.audience.testing.ApiClient;
import dev.audience.testing.ApiClient.Reply;
import dev.audience.testing.Backend;
import dev.audience.testing.TestServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.AfterParameterizedClassInvocation;
import org.junit.jupiter.params.BeforeParameterizedClassInvocation;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static dev.audience.testing.ApiClient.json;
import static org.assertj.core.api.Assertions.assertThat;

@ParameterizedClass
@EnumSource(Backend.class)
class SegmentsApiTest {
    @Parameter
    Backend backend;

    static TestServer server;
    static ApiClient api;

    @BeforeParameterizedClassInvocation
    static void start(Backend backend) {
        server = new TestServer(backend);
        api = server.api();
    }

    @AfterParameterizedClassInvocation
    static void stop() {
        server.close();
    }

    private static Map<String, Object> m(Object... kv) {
        Map<String, Object> out = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) out.put((String) kv[i], kv[i + 1]);
        return out;
    }

    private static Reply createSegment(Object... kv) {
        return api.post("/api/v1/segments", json(m(kv)));
    }

    private static void events(String user, String name, Duration ago, int times, Map<String, Object> props) {
        List<Map<String, Object>> list = new ArrayList<>();
        for (int i = 0; i < times; i++) {
            list.add(m("userId", user, "name", name, "timestamp", server.clock.instant().minus(ago).minusSeconds(i).toString(),
                    "properties", props));
        }
        assertThat(api.post("/api/v1/events", json(m("events", list))).status()).isEqualTo(200);
    }

    private static List<String> fields(Reply r) {
        List<String> out = new ArrayList<>();
        r.json().get("errors").forEach(e -> out.add(e.get("field").asText()));
        return out;
    }

    @Test
    void dynamicSegmentFromTextOrJsonIsComputedAtOnce() {
        events("pv-1", "page_view", Duration.ofDays(2), 3, m("url", "/pricing-plans"));
        events("pv-2", "page_view", Duration.ofDays(2), 1, m("url", "/docs"));
        Reply r = createSegment("key", "pricing-visitors", "name", "Visited pricing", "type", "dynamic",
                "definition", "did page_view where url = \"/pricing-plans\" in last 30 days", "refresh", m("every", "15m"));
        assertThat(r.status()).as(r.body()).isEqualTo(201);
        JsonNode s = r.json();
        assertThat(s.get("size").asLong()).isEqualTo(1);
        assertThat(s.get("version").asLong()).isEqualTo(1);
        assertThat(s.get("status").asText()).isEqualTo("ok");
        assertThat(s.get("refresh").get("every").asText()).isEqualTo("15m");
        assertThat(s.get("refreshedAt").asText()).isEqualTo(server.clock.instant().toString());
        assertThat(s.get("nextRefreshAt").asText()).isEqualTo(server.clock.instant().plus(Duration.ofMinutes(15)).toString());
        assertThat(s.get("definitionJson").has("did")).isTrue();
        assertThat(server.app.storage().eventConditions().promoted())
                .as("a saved segment's property gets a typed column")
                .contains(new dev.audience.segment.sql.PropertyColumn("url", dev.audience.segment.sql.PropertyType.STRING));

        Reply fromJson = createSegment("key", "pricing-visitors-json", "name", "Same, as JSON", "type", "dynamic",
                "definition", s.get("definitionJson"));
        assertThat(fromJson.status()).as(fromJson.body()).isEqualTo(201);
        assertThat(fromJson.json().get("definition").asText()).isEqualTo(s.get("definition").asText());
        assertThat(fromJson.json().get("size").asLong()).isEqualTo(1);

        assertThat(api.get("/api/v1/segments/pricing-visitors/members/pv-1").json().get("member").asBoolean()).isTrue();
        assertThat(api.get("/api/v1/segments/pricing-visitors/members/pv-2").json().get("member").asBoolean()).isFalse();
        assertThat(api.get("/api/v1/segments/pricing-visitors/members/nobody").json().get("member").asBoolean()).isFalse();
    }

    @Test
    void aBadDefinitionSaysWhereAndWhat() {
        Reply r = createSegment("key", "broken", "name", "Broken", "type", "dynamic",
                "definition", "did page_view where url = \"/pricing\"\n  in last thirty days");
        assertThat(r.status()).isEqualTo(400);
        assertThat(r.json().get("line").asInt()).isEqualTo(2);
        assertThat(r.json().get("column").asInt()).isGreaterThan(0);
        assertThat(r.json().get("detail").asText()).contains("line 2");
        assertThat(api.get("/api/v1/segments/broken").status()).as("nothing saved").isEqualTo(404);

        Reply unknown = createSegment("key", "refs", "name", "Refs", "type", "dynamic", "definition", "in segment \"nope\"");
        assertThat(unknown.status()).isEqualTo(400);
        assertThat(unknown.json().get("detail").asText()).contains("nope");

        Reply window = createSegment("key", "zero", "name", "Zero", "type", "dynamic", "definition", "did a in last 0 days");
        assertThat(window.status()).isEqualTo(400);

        Reply jsonForm = createSegment("key", "badjson", "name", "Bad", "type", "dynamic",
                "definition", m("and", List.of(m("did", m("event", "a")), m("did", m("evnt", "b")))));
        assertThat(jsonForm.status()).isEqualTo(400);
        assertThat(fields(jsonForm).get(0)).startsWith("definition.and[1]");
    }

    @Test
    void cyclesAndInvalidFieldsAreRefused() {
        assertThat(createSegment("key", "cyc-a", "name", "A", "type", "static").status()).isEqualTo(201);
        assertThat(createSegment("key", "cyc-b", "name", "B", "type", "dynamic", "definition", "in segment \"cyc-a\"")
                .status()).isEqualTo(201);
        assertThat(createSegment("key", "cyc-c", "name", "C", "type", "dynamic", "definition", "in segment \"cyc-b\"")
                .status()).isEqualTo(201);
        Reply selfRef = api.patch("/api/v1/segments/cyc-b", json(m("definition", "in segment \"cyc-c\"")));
        assertThat(selfRef.status()).isEqualTo(400);
        assertThat(selfRef.json().get("detail").asText()).contains("cyc-b").contains("cyc-c");

        assertThat(createSegment("key", "cyc-a", "name", "Again", "type", "static").status()).isEqualTo(409);
        Reply bad = createSegment("key", "Bad Key!", "name", "", "type", "static", "definition", "did a");
        assertThat(bad.status()).isEqualTo(400);
        assertThat(fields(bad)).contains("key", "name", "definition");
        Reply badType = createSegment("key", "t", "name", "T", "type", "weekly");
        assertThat(fields(badType)).contains("type");
        Reply badRefresh = createSegment("key", "r", "name", "R", "type", "dynamic", "definition", "did a",
                "refresh", m("cron", "every day"));
        assertThat(fields(badRefresh)).contains("refresh.cron");
    }

    @Test
    void everyoneIsBuiltInAndCannotChange() {
        api.put("/api/v1/profiles/every-1", "{}");
        JsonNode everyone = api.get("/api/v1/segments/everyone").json();
        assertThat(everyone.get("type").asText()).isEqualTo("everyone");
        assertThat(everyone.get("size").asLong()).isGreaterThanOrEqualTo(1);
        assertThat(api.patch("/api/v1/segments/everyone", json(m("name", "All"))).status()).isEqualTo(409);
        assertThat(api.delete("/api/v1/segments/everyone").status()).isEqualTo(409);
        assertThat(api.get("/api/v1/segments/everyone/members/every-1").json().get("member").asBoolean()).isTrue();
        assertThat(api.post("/api/v1/segments/everyone/refresh", "").json().get("version").asLong()).isGreaterThanOrEqualTo(1);
    }

    @Test
    void staticMembersAreEditedInVersionsAndPaged() {
        for (int i = 0; i < 5; i++) api.put("/api/v1/profiles/st-" + i, "{}");
        assertThat(createSegment("key", "testers", "name", "Testers", "type", "static", "internal", true).status()).isEqualTo(201);
        Reply added = api.post("/api/v1/segments/testers/members", json(m("userIds", List.of("st-0", "st-1", "st-2", "st-3", "ghost"))));
        assertThat(added.status()).isEqualTo(200);
        assertThat(added.json().get("added").asInt()).isEqualTo(4);
        assertThat(added.json().get("unknown").get(0).asText()).isEqualTo("ghost");
        Reply again = api.post("/api/v1/segments/testers/members", json(m("userIds", List.of("st-0", "st-4"))));
        assertThat(again.json().get("added").asInt()).isEqualTo(1);
        assertThat(again.json().get("alreadyMembers").asInt()).isEqualTo(1);
        Reply removed = api.post("/api/v1/segments/testers/members/remove", json(m("userIds", List.of("st-1", "st-9"))));
        assertThat(removed.json().get("removed").asInt()).isEqualTo(1);

        JsonNode seg = api.get("/api/v1/segments/testers").json();
        assertThat(seg.get("size").asLong()).isEqualTo(4);
        assertThat(seg.get("internal").asBoolean()).isTrue();
        JsonNode history = api.get("/api/v1/segments/testers/history").json().get("history");
        assertThat(history).hasSize(4);
        assertThat(history.get(0).get("exited").asLong()).isEqualTo(1);
        assertThat(history.get(1).get("entered").asLong()).isEqualTo(1);
        assertThat(history.get(2).get("entered").asLong()).isEqualTo(4);

        List<String> all = new ArrayList<>();
        String cursor = null;
        do {
            JsonNode page = api.get("/api/v1/segments/testers/members?limit=3" + (cursor == null ? "" : "&cursor=" + cursor)).json();
            page.get("userIds").forEach(u -> all.add(u.asText()));
            cursor = page.get("nextCursor").isNull() ? null : page.get("nextCursor").asText();
        } while (cursor != null);
        assertThat(all).containsExactly("st-0", "st-2", "st-3", "st-4");

        JsonNode mine = api.get("/api/v1/profiles/st-0/segments").json().get("segments");
        List<String> keys = new ArrayList<>();
        mine.forEach(s -> keys.add(s.get("key").asText()));
        assertThat(keys).contains("testers", "everyone");

        assertThat(api.post("/api/v1/segments/testers/refresh", "").status()).as("static ones do not refresh").isEqualTo(409);
        Reply notStatic = api.post("/api/v1/segments/everyone/members", json(m("userIds", List.of("st-0"))));
        assertThat(notStatic.status()).isEqualTo(409);

        // a deleted profile leaves every segment at once
        api.delete("/api/v1/profiles/st-2");
        assertThat(api.get("/api/v1/segments/testers").json().get("size").asLong()).isEqualTo(3);
        assertThat(api.get("/api/v1/segments/testers/members?limit=100").json().get("userIds").toString()).doesNotContain("st-2");
    }

    @Test
    void csvImportKeepsTheGoodRowsAndNamesTheBadOnes() {
        api.put("/api/v1/profiles/csv-1", json(m("email", "one@example.com")));
        api.put("/api/v1/profiles/csv-2", json(m("email", "Two@Example.com")));
        createSegment("key", "imported", "name", "Imported", "type", "static");
        String csv = "name,email\nOne,one@example.com\nTwo,two@example.com\nBad,not-an-email\nNobody,nobody@example.com\n"
                + "Again,ONE@example.com\nEmpty,\n";
        Reply r = api.postBytes("/api/v1/segments/imported/import", csv.getBytes());
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        JsonNode report = r.json();
        assertThat(report.get("rows").asLong()).isEqualTo(6);
        assertThat(report.get("added").asLong()).isEqualTo(2);
        assertThat(report.get("problems").asLong()).isEqualTo(4);
        JsonNode problems = report.get("problemList");
        assertThat(problems.get(0).get("row").asLong()).isEqualTo(4);
        assertThat(problems.get(0).get("problem").asText()).contains("not an email");
        assertThat(problems.get(1).get("row").asLong()).isEqualTo(5);
        assertThat(problems.get(1).get("problem").asText()).contains("no profile");
        assertThat(problems.get(2).get("row").asLong()).isEqualTo(6);
        assertThat(problems.get(2).get("problem").asText()).contains("duplicate of row 2");
        assertThat(problems.get(3).get("row").asLong()).isEqualTo(7);
        assertThat(api.get("/api/v1/segments/imported").json().get("size").asLong()).isEqualTo(2);

        Reply byId = api.postBytes("/api/v1/segments/imported/import", "userId\ncsv-1\nnope\n\"csv-2\"\n\"broken\n".getBytes());
        assertThat(byId.status()).isEqualTo(200);
        assertThat(byId.json().get("problemList").toString()).contains("unknown user").contains("malformed");
        Reply bom = api.postBytes("/api/v1/segments/imported/import", "\uFEFFuserId\ncsv-1\n".getBytes(java.nio.charset.StandardCharsets.UTF_8));
        assertThat(bom.status()).as("a spreadsheet's byte order mark").isEqualTo(200);
        assertThat(bom.json().get("matched").asLong()).isEqualTo(1);
        Reply twice = api.postBytes("/api/v1/segments/imported/import", "userId,userId\ncsv-1,csv-2\n".getBytes());
        assertThat(twice.status()).as("a repeated header is a 400, not a 500").isEqualTo(400);
        Reply noColumn = api.postBytes("/api/v1/segments/imported/import", "name\nx\n".getBytes());
        assertThat(noColumn.status()).isEqualTo(400);
        assertThat(noColumn.json().get("detail").asText()).contains("userId").contains("email");
    }

    @Test
    void previewExplainAndDeleteInUse() {
        events("ex-1", "page_view", Duration.ofDays(3), 3, m("url", "/pricing"));
        api.put("/api/v1/profiles/ex-1", json(m("attributes", m("plan", "pro"))));
        String def = "did page_view where url = \"/pricing\" in last 30 days and plan = \"pro\"";
        Reply preview = api.post("/api/v1/segments/preview", json(m("definition", def)));
        assertThat(preview.status()).as(preview.body()).isEqualTo(200);
        assertThat(preview.json().get("count").asLong()).isGreaterThanOrEqualTo(1);
        assertThat(preview.json().get("sample").toString()).contains("ex-1");
        assertThat(preview.json().has("tookMs")).isTrue();
        assertThat(api.post("/api/v1/segments/preview", json(m("definition", "did"))).status()).isEqualTo(400);

        createSegment("key", "pro-pricing", "name", "Pro on pricing", "type", "dynamic", "definition", def);
        JsonNode e = api.get("/api/v1/segments/pro-pricing/explain/ex-1").json();
        assertThat(e.get("member").asBoolean()).isTrue();
        JsonNode parts = e.get("explanation").get("parts");
        assertThat(parts.get(0).get("detail").asText()).contains("3 times").contains("in last 30 days");
        assertThat(parts.get(1).get("detail").asText()).isEqualTo("plan is \"pro\"");

        createSegment("key", "uses-pro", "name", "Uses", "type", "dynamic", "definition", "in segment \"pro-pricing\"");
        Reply inUse = api.delete("/api/v1/segments/pro-pricing");
        assertThat(inUse.status()).isEqualTo(409);
        assertThat(inUse.json().get("detail").asText()).contains("uses-pro");
        assertThat(api.delete("/api/v1/segments/uses-pro").status()).isEqualTo(204);
        assertThat(api.delete("/api/v1/segments/pro-pricing").status()).isEqualTo(204);
        assertThat(api.get("/api/v1/segments/pro-pricing").status()).isEqualTo(404);
    }

    @Test
    void aFailedRefreshKeepsTheLastGoodSnapshot() {
        api.put("/api/v1/profiles/fr-1", "{}");
        createSegment("key", "fr-base", "name", "Base", "type", "static");
        api.post("/api/v1/segments/fr-base/members", json(m("userIds", List.of("fr-1"))));
        createSegment("key", "fr-dep", "name", "Dependent", "type", "dynamic", "definition", "in segment \"fr-base\"");
        assertThat(api.get("/api/v1/segments/fr-dep").json().get("size").asLong()).isEqualTo(1);
        // another node removed the base behind this one's back: the next refresh cannot compute
        server.app.storage().segments().delete("fr-base");
        server.app.segments().load();
        server.app.segments().forget("fr-base");
        JsonNode after = api.post("/api/v1/segments/fr-dep/refresh", "").json();
        assertThat(after.get("status").asText()).isEqualTo("error");
        assertThat(after.get("error").asText()).contains("fr-base");
        assertThat(after.get("size").asLong()).as("last good snapshot kept").isEqualTo(1);
        assertThat(after.get("version").asLong()).isEqualTo(1);
    }

    @Test
    void oneRefreshAtATime() {
        createSegment("key", "leased", "name", "Leased", "type", "dynamic", "definition", "did a ever");
        Instant now = server.clock.instant();
        assertThat(server.app.storage().segments().tryLease("leased", "other-node", now.plusSeconds(60), now)).isTrue();
        Reply busy = api.post("/api/v1/segments/leased/refresh", "");
        assertThat(busy.status()).isEqualTo(409);
        assertThat(busy.json().get("detail").asText()).contains("already running");
        server.clock.advance(Duration.ofSeconds(61));
        assertThat(api.post("/api/v1/segments/leased/refresh", "").status()).as("an expired lease is taken over").isEqualTo(200);
    }

    @Test
    void scheduledRefreshesRunInDependencyOrder() {
        events("sch-1", "ping", Duration.ofMinutes(1), 1, m());
        createSegment("key", "sch-base", "name", "Base", "type", "dynamic", "definition", "did ping ever", "refresh", m("every", "10m"));
        createSegment("key", "sch-top", "name", "Top", "type", "dynamic", "definition", "in segment \"sch-base\"",
                "refresh", m("cron", "*/10 * * * *"));
        assertThat(api.get("/api/v1/segments/sch-top").json().get("size").asLong()).isEqualTo(1);
        events("sch-2", "ping", Duration.ZERO, 1, m());
        server.clock.advance(Duration.ofMinutes(11));
        List<String> ran = server.app.scheduler().runDue();
        assertThat(ran).containsSubsequence("sch-base", "sch-top");
        assertThat(api.get("/api/v1/segments/sch-top").json().get("size").asLong()).isEqualTo(2);
        assertThat(api.get("/api/v1/segments/sch-base").json().get("version").asLong()).isEqualTo(2);
        assertThat(server.app.scheduler().runDue()).as("nothing is due right after").doesNotContain("sch-base", "sch-top");
    }
}
