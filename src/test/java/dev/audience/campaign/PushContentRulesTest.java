package dev.audience.campaign;

import dev.audience.common.FieldError;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class PushContentRulesTest {
    private static final PushContent.Action BUY = new PushContent.Action("buy", "Buy now", "https://shop.example/buy");

    private static PushContent full() {
        return new PushContent("Hi {{ profile.first_name }}", "Your offer: {{ profile.plan }}",
                "https://cdn.example/{{ profile.plan }}.png", "myapp://offers/42",
                List.of(BUY, new PushContent.Action("later", "Later", "myapp://later")),
                Map.of("orderId", "{{ profile.order }}", "count", 3, "nested", Map.of("a", List.of(1, 2))),
                new PushContent.Ios("default", 1, "offer", "offers", "time-sensitive", 0.5, "offer-42"),
                new PushContent.Android("offers", "high", "#ff6600", "ic_offer", "offer", "public", "offer-42"));
    }

    private static List<String> fields(List<FieldError> errors) {
        return errors.stream().map(FieldError::field).toList();
    }

    @Test
    void completeContentWithLiquidIsValid() {
        assertThat(PushContentRules.check(full(), null)).isEmpty();
        assertThat(PushContentRules.check(PushContent.of("Hi", "There"), null)).isEmpty();
    }

    @Test
    void titleAndBodyAreRequired() {
        assertThat(fields(PushContentRules.check(PushContent.of(" ", null), null))).containsExactly("title", "body");
        assertThat(PushContentRules.check(null, null)).extracting(FieldError::field).containsExactly("content");
    }

    @Test
    void imagesMustBeHttps() {
        for (String bad : new String[] {"http://cdn.example/a.png", "cdn.example/a.png", "https://", "https:// x",
                "https://exa mple/a.png", "ftp://x/a.png", "{{ profile.image }}"}) {
            PushContent c = new PushContent("t", "b", bad, null, null, null, null, null);
            assertThat(PushContentRules.check(c, null)).as(bad).singleElement().satisfies(e -> {
                assertThat(e.field()).isEqualTo("imageUrl");
                assertThat(e.message()).contains("https://");
            });
        }
        PushContent upper = new PushContent("t", "b", "HTTPS://cdn.example/a.png", null, null, null, null, null);
        assertThat(PushContentRules.check(upper, null)).isEmpty();
    }

    @Test
    void linksNeedASchemeAndNoScriptOne() {
        for (String bad : new String[] {"/offers/42", "offers", "javascript:alert(1)", "DATA:text/html,x", "file:///etc/passwd",
                "{{ profile.link }}", "https://a b"}) {
            PushContent c = new PushContent("t", "b", null, bad, null, null, null, null);
            assertThat(fields(PushContentRules.check(c, null))).as(bad).containsExactly("url");
        }
        for (String good : new String[] {"https://example.com/x?y=1", "myapp://offers/42", "myapp:offers",
                "https://example.com/{{ profile.user_id }}"}) {
            assertThat(PushContentRules.check(new PushContent("t", "b", null, good, null, null, null, null), null)).as(good).isEmpty();
        }
    }

    @Test
    void atMostThreeButtonsEachWithIdLabelAndUrl() {
        List<PushContent.Action> four = List.of(BUY, new PushContent.Action("b", "B", "myapp://b"),
                new PushContent.Action("c", "C", "myapp://c"), new PushContent.Action("d", "D", "myapp://d"),
                new PushContent.Action("e", "E", "myapp://e"));
        List<FieldError> errors = PushContentRules.check(new PushContent("t", "b", null, null, four, null, null, null), null);
        assertThat(errors).singleElement().satisfies(e -> {
            assertThat(e.field()).isEqualTo("actions[3]");
            assertThat(e.message()).contains("at most 3");
        });

        List<PushContent.Action> bad = new ArrayList<>();
        bad.add(new PushContent.Action("buy", "Buy", "https://x.example"));
        bad.add(new PushContent.Action("buy", "", "javascript:x"));
        bad.add(null);
        assertThat(fields(PushContentRules.check(new PushContent("t", "b", null, null, bad, null, null, null), null)))
                .containsExactly("actions[1].id", "actions[1].label", "actions[1].url", "actions[2]");
        assertThat(fields(PushContentRules.check(new PushContent("t", "b", null, null,
                List.of(new PushContent.Action("has space", "x".repeat(65), null)), null, null, null), null)))
                .containsExactly("actions[0].id", "actions[0].label", "actions[0].url");
    }

    @Test
    void dataKeysMustNotCollideWithTheProvidersOrOurs() {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("ok", "x");
        data.put("aps", "x");
        data.put("from", "x");
        data.put("google.c.a", "x");
        data.put("gcm_x", "x");
        data.put("audience_url", "x");
        data.put("1st", "x");
        data.put("missing", null);
        assertThat(fields(PushContentRules.check(new PushContent("t", "b", null, null, null, data, null, null), null)))
                .containsExactly("data.aps", "data.from", "data.google.c.a", "data.gcm_x", "data.audience_url",
                        "data.1st", "data.missing");
    }

    @Test
    void iosOptionsAreCheckedOneByOne() {
        var ios = new PushContent.Ios("", -1, " ", "x".repeat(257), "urgent", 1.5, "x".repeat(65));
        assertThat(fields(PushContentRules.check(new PushContent("t", "b", null, null, null, null, ios, null), null)))
                .containsExactly("ios.sound", "ios.badge", "ios.category", "ios.threadId", "ios.interruptionLevel",
                        "ios.relevanceScore", "ios.collapseId");
        // 22 three-byte characters are 66 bytes: over APNs' 64-byte limit though only 22 characters long
        var utf8 = new PushContent.Ios(null, 0, null, null, "critical", 0.0, "€".repeat(22));
        assertThat(PushContentRules.check(new PushContent("t", "b", null, null, null, null, utf8, null), null))
                .extracting(FieldError::field).containsExactly("ios.collapseId");
    }

    @Test
    void androidOptionsAreCheckedOneByOne() {
        var android = new PushContent.Android("", "urgent", "orange", "Ic-Offer", "", "hidden", "");
        assertThat(fields(PushContentRules.check(new PushContent("t", "b", null, null, null, null, null, android), null)))
                .containsExactly("android.channelId", "android.priority", "android.color", "android.icon", "android.tag",
                        "android.visibility", "android.collapseKey");
    }

    @Test
    void aPayloadOverAProvidersLimitNamesTheFieldThatMakesItLarge() {
        PushContent big = new PushContent("t", "b".repeat(5000), null, null, null, Map.of("note", "n".repeat(100)), null, null);
        PushPayloadLimits limits = c -> List.of(new PushPayloadLimits.PayloadSize("APNs", 5200, 4096),
                new PushPayloadLimits.PayloadSize("FCM", 3900, 4000));
        assertThat(PushContentRules.check(big, limits)).singleElement().satisfies(e -> {
            assertThat(e.field()).isEqualTo("body");
            assertThat(e.message()).isEqualTo("makes the APNs payload 5,200 bytes with the templates as written; APNs"
                    + " accepts at most 4,096: shorten it");
        });
        PushContent bigData = new PushContent("t", "b", null, null, null, Map.of("note", "n".repeat(5000)), null, null);
        assertThat(fields(PushContentRules.check(bigData, limits))).containsExactly("data.note");
        // sizes are only asked for when the fields are valid: the payload builders may rely on that
        PushPayloadLimits refuses = c -> {
            throw new AssertionError("asked for sizes of invalid content");
        };
        assertThat(fields(PushContentRules.check(PushContent.of("t", ""), refuses))).containsExactly("body");
    }
}
