package dev.audience.http.console;

import dev.audience.testing.Backend;
import dev.audience.testing.ConsoleClient;
import dev.audience.testing.ConsoleClient.Page;
import dev.audience.testing.TestServer;
import dev.audience.user.Role;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.AfterParameterizedClassInvocation;
import org.junit.jupiter.params.BeforeParameterizedClassInvocation;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static dev.audience.testing.ApiClient.json;
import static org.assertj.core.api.Assertions.assertThat;

/** The segment pages over plain HTTP, on both back ends: forms, their errors, static lists, imports, paging. */
@ParameterizedClass
@EnumSource(Backend.class)
class ConsoleSegmentsTest {
    @Parameter
    Backend backend;

    static TestServer server;
    static ConsoleClient editor;

    @BeforeParameterizedClassInvocation
    static void start(Backend backend) {
        server = new TestServer(backend);
        List<Map<String, Object>> profiles = new ArrayList<>();
        for (int i = 1; i <= 60; i++) {
            String id = String.format("member-%02d", i);
            server.api().put("/api/v1/profiles/" + id, json(Map.of("email", id + "@example.com")));
        }
        server.app.consoleUsers().create("editor@example.com", Role.EDITOR, "a long enough password");
        editor = server.console();
        editor.signIn("editor@example.com", "a long enough password");
        editor.get("/console/segments");
    }

    @AfterParameterizedClassInvocation
    static void stop() {
        server.close();
    }

    @Test
    void aFormWithMistakesComesBackWithEachErrorAtItsField() {
        Page bad = editor.post("/console/new-segment", Map.of("type", "dynamic", "key", "Bad Key!", "name", "",
                "definition", "did page_view", "refresh", "often"));
        assertThat(bad.status()).isEqualTo(422);
        assertThat(bad.body()).contains("<small id=\"refresh-help\" class=\"error\">must be a number and a unit, like 15m, 2h or 1d</small>")
                .contains("value=\"Bad Key!\"");

        Page badKey = editor.post("/console/new-segment", Map.of("type", "dynamic", "key", "Bad Key!", "name", "",
                "definition", "did page_view ever"));
        assertThat(badKey.body()).contains("<small id=\"key-help\" class=\"error\">must be 1 to 64 lower-case letters")
                .contains("<small id=\"name-help\" class=\"error\">is required");

        Page syntax = editor.post("/console/new-segment", Map.of("type", "dynamic", "key", "typo", "name", "Typo",
                "definition", "did page_view\nin last 30 dayz"));
        assertThat(syntax.status()).isEqualTo(422);
        assertThat(syntax.body()).contains("<small id=\"definition-error\" class=\"error\">Line 2, column 12: unknown time unit \"dayz\"")
                .contains("in last 30 dayz\n           ^");
        assertThat(server.app.segments().exists("typo")).isFalse();

        editor.post("/console/new-segment", Map.of("type", "static", "key", "taken", "name", "Taken"));
        Page taken = editor.post("/console/new-segment", Map.of("type", "static", "key", "taken", "name", "Taken again"));
        assertThat(taken.body()).contains("<small id=\"key-help\" class=\"error\">a segment with key \"taken\" exists already");
    }

    @Test
    void theCheckAnswersAPartOfThePageAsTheDefinitionIsTyped() {
        Page wrong = editor.postRaw("/console/new-segment/check", Map.of("definition", "did"),
                Map.of("HX-Request", "true", "X-CSRF-Token", editor.csrf()));
        assertThat(wrong.status()).isEqualTo(200);
        assertThat(wrong.body()).startsWith("<div id=\"definition-check\"").doesNotContain("<html")
                .contains("Line 1, column 4: expected an event name after 'did'");
        Page right = editor.postRaw("/console/new-segment/check", Map.of("definition", "email_status = \"subscribed\""),
                Map.of("HX-Request", "true", "X-CSRF-Token", editor.csrf()));
        assertThat(right.body()).contains("<strong>60 profiles match</strong>").contains("/console/profile?userId=member-01");
    }

    @Test
    void aStaticListMadeWithMembersShowsWhatBecameOfEachOne() {
        Page created = editor.post("/console/new-segment", Map.of("type", "static", "key", "vips", "name", "VIPs",
                "userIds", "member-01\nmember-02, member-02 ghost"));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        assertThat(created.body()).contains("Added 2 members.").contains("No profile has these userIds, so they were left out: ghost")
                .contains("<strong id=\"segment-size\">2</strong>");

        Page removed = editor.post("/console/segments/vips/members", Map.of("action", "remove", "userIds", "member-02 member-03"));
        assertThat(removed.body()).contains("Removed 1 member; 1 were not on the list.");
        Page empty = editor.post("/console/segments/vips/members", Map.of("action", "add", "userIds", " "));
        assertThat(empty.status()).isEqualTo(422);
        assertThat(empty.body()).contains("<small id=\"userIds-help\" class=\"error\">Give at least one userId.</small>");
        assertThat(server.app.segments().get("vips").size()).isEqualTo(1);
    }

    @Test
    void aCsvUploadAddsTheGoodRowsAndReportsTheOthersByRow() {
        editor.post("/console/new-segment", Map.of("type", "static", "key", "imported", "name", "Imported"));
        editor.get("/console/segments/imported");
        String csv = "email,name\nmember-10@example.com,Ten\nnot-an-email,x\nMEMBER-11@example.com,Eleven\nnobody@example.com,?\n"
                + "member-10@example.com,again\n";
        Page report = editor.postFile("/console/segments/imported/import", Map.of(), "csv", "list.csv", csv);
        assertThat(report.status()).as(report.body()).isEqualTo(200);
        assertThat(report.body()).contains("Read 5 rows: 2 matched a profile,").contains("<strong>2 added</strong>")
                .contains("3 problems");
        assertThat(rows(report.body())).containsExactly(
                List.of("3", "not-an-email", "not an email address"),
                List.of("5", "nobody@example.com", "no profile has this email"),
                List.of("6", "member-10@example.com", "duplicate of row 2"));
        assertThat(server.app.segments().get("imported").size()).isEqualTo(2);

        Page noHeader = editor.postFile("/console/segments/imported/import", Map.of(), "csv", "bad.csv", "a,b\n1,2\n");
        assertThat(noHeader.status()).isEqualTo(422);
        assertThat(noHeader.body()).contains("<small id=\"csv-help\" class=\"error\">").contains("needs a header row");
        Page noFile = editor.postFile("/console/segments/imported/import", Map.of(), "csv", "", "");
        assertThat(noFile.body()).contains("Choose a CSV file");
    }

    private static List<List<String>> rows(String html) {
        String table = html.substring(html.indexOf("<table id=\"import-problems\">"));
        table = table.substring(table.indexOf("<tbody>"), table.indexOf("</tbody>"));
        Matcher m = Pattern.compile("<tr><td>(.*?)</td><td>(.*?)</td><td>(.*?)</td></tr>").matcher(table);
        List<List<String>> out = new ArrayList<>();
        while (m.find()) out.add(List.of(m.group(1), m.group(2), m.group(3)));
        return out;
    }

    @Test
    void membersComePageByPage() {
        Page first = editor.get("/console/segments/everyone/members");
        assertThat(first.status()).isEqualTo(200);
        assertThat(count(first.body(), "<li><a href=\"/console/profile?userId=")).isEqualTo(SegmentPage.MEMBERS_PER_PAGE);
        Matcher next = Pattern.compile("href=\"(/console/segments/everyone/members\\?after=\\d+)\" id=\"next-page\"").matcher(first.body());
        assertThat(next.find()).isTrue();
        Page second = editor.get(next.group(1));
        assertThat(count(second.body(), "<li><a href=\"/console/profile?userId=")).isEqualTo(60 - SegmentPage.MEMBERS_PER_PAGE);
        assertThat(second.body()).doesNotContain("id=\"next-page\"").contains("member-60");
    }

    @Test
    void refreshExplainAndMissingThings() {
        Page refreshed = editor.post("/console/segments/everyone/refresh", Map.of());
        assertThat(refreshed.status()).isEqualTo(303);
        assertThat(editor.get("/console/segments/everyone").body()).contains("<strong id=\"segment-status\" class=\"status-ok\">ok</strong>");

        editor.post("/console/new-segment", Map.of("type", "static", "key", "plain", "name", "Plain"));
        Page staticRefresh = editor.post("/console/segments/plain/refresh", Map.of());
        assertThat(staticRefresh.status()).isEqualTo(409);
        assertThat(staticRefresh.body()).contains("changes by member edits and imports, not by refresh");

        Page explained = editor.get("/console/segments/everyone?explain=member-05");
        assertThat(explained.body()).contains("<strong>member-05</strong>\n          is in Everyone.");
        Page unknown = editor.get("/console/segments/everyone?explain=ghost");
        assertThat(unknown.body()).contains("<small id=\"explain-error\" class=\"error\">No profile has the userId \"ghost\".</small>");

        Page missing = editor.get("/console/segments/no-such-segment");
        assertThat(missing.status()).isEqualTo(404);
        assertThat(missing.headers().first("Content-Type")).startsWith("text/html");
        assertThat(missing.body()).contains("<p id=\"problem-detail\">no segment with key \"no-such-segment\"</p>");
        Page noRoute = editor.get("/console/nothing-here");
        assertThat(noRoute.status()).isEqualTo(404);
        assertThat(noRoute.headers().first("Content-Type")).startsWith("text/html");
    }

    private static int count(String text, String part) {
        int n = 0;
        for (int i = text.indexOf(part); i >= 0; i = text.indexOf(part, i + 1)) n++;
        return n;
    }
}
