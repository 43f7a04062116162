package dev.audience.channel.push;

import dev.audience.campaign.PushContent;
import dev.audience.campaign.template.RenderedPush;
import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The exact APNs JSON for each option: one row per option, the payload it makes. */
class ApnsPayloadsTest {
    static final PushContent.Ios NO_IOS = new PushContent.Ios(null, null, null, null, null, null, null);

    static RenderedPush push(String imageUrl, String url, List<PushContent.Action> actions, Map<String, Object> data,
                             PushContent.Ios ios) {
        return new RenderedPush("Hi Ada", "Your offer", imageUrl, url, actions, data, ios, null);
    }

    static RenderedPush ios(PushContent.Ios ios) {
        return push(null, null, List.of(), Map.of(), ios);
    }

    @Test
    void titleAndBodyOnly() {
        assertThat(ApnsPayloads.json(push(null, null, List.of(), Map.of(), null)))
                .isEqualTo("{\"aps\":{\"alert\":{\"title\":\"Hi Ada\",\"body\":\"Your offer\"}}}");
        assertThat(ApnsPayloads.json(ios(NO_IOS)))
                .isEqualTo("{\"aps\":{\"alert\":{\"title\":\"Hi Ada\",\"body\":\"Your offer\"}}}");
    }

    @Test
    void eachIosOptionHasItsApsKey() {
        String alert = "{\"aps\":{\"alert\":{\"title\":\"Hi Ada\",\"body\":\"Your offer\"},";
        Map<PushContent.Ios, String> rows = new LinkedHashMap<>();
        rows.put(new PushContent.Ios("chime.caf", null, null, null, null, null, null), "\"sound\":\"chime.caf\"}}");
        rows.put(new PushContent.Ios(null, 0, null, null, null, null, null), "\"badge\":0}}");
        rows.put(new PushContent.Ios(null, null, "offer", null, null, null, null), "\"category\":\"offer\"}}");
        rows.put(new PushContent.Ios(null, null, null, "offers", null, null, null), "\"thread-id\":\"offers\"}}");
        rows.put(new PushContent.Ios(null, null, null, null, "time-sensitive", null, null), "\"interruption-level\":\"time-sensitive\"}}");
        rows.put(new PushContent.Ios(null, null, null, null, null, 0.75, null), "\"relevance-score\":0.75}}");
        rows.forEach((ios, json) -> assertThat(ApnsPayloads.json(ios(ios))).as(ios.toString()).isEqualTo(alert + json));
        // the collapse id is a header (apns-collapse-id), not part of the payload
        assertThat(ApnsPayloads.json(ios(new PushContent.Ios(null, null, null, null, null, null, "offer-42"))))
                .doesNotContain("offer-42");
    }

    @Test
    void anImageSetsMutableContentAndTravelsUnderAudience() {
        assertThat(ApnsPayloads.json(push("https://cdn.example/a.png", null, List.of(), Map.of(), null)))
                .isEqualTo("{\"aps\":{\"alert\":{\"title\":\"Hi Ada\",\"body\":\"Your offer\"},\"mutable-content\":1},"
                        + "\"audience\":{\"imageUrl\":\"https://cdn.example/a.png\"}}");
    }

    @Test
    void aLinkAloneNeedsNoExtension() {
        assertThat(ApnsPayloads.json(push(null, "myapp://offers/42", List.of(), Map.of(), null)))
                .isEqualTo("{\"aps\":{\"alert\":{\"title\":\"Hi Ada\",\"body\":\"Your offer\"}},"
                        + "\"audience\":{\"url\":\"myapp://offers/42\"}}");
    }

    @Test
    void buttonsSetMutableContentSoTheExtensionCanRegisterThem() {
        assertThat(ApnsPayloads.json(push(null, null, List.of(new PushContent.Action("buy", "Buy", "https://shop.example/b"),
                new PushContent.Action("later", "Later", "myapp://later")), Map.of(), null)))
                .isEqualTo("{\"aps\":{\"alert\":{\"title\":\"Hi Ada\",\"body\":\"Your offer\"},\"mutable-content\":1},"
                        + "\"audience\":{\"actions\":[{\"id\":\"buy\",\"label\":\"Buy\",\"url\":\"https://shop.example/b\"},"
                        + "{\"id\":\"later\",\"label\":\"Later\",\"url\":\"myapp://later\"}]}}");
    }

    @Test
    void customDataSitsAtTheTopLevelAsJson() {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("orderId", "42");
        data.put("count", 3);
        data.put("vip", true);
        data.put("nested", Map.of("list", List.of(1, "two")));
        assertThat(ApnsPayloads.json(push(null, null, List.of(), data, null)))
                .isEqualTo("{\"aps\":{\"alert\":{\"title\":\"Hi Ada\",\"body\":\"Your offer\"}},"
                        + "\"orderId\":\"42\",\"count\":3,\"vip\":true,\"nested\":{\"list\":[1,\"two\"]}}");
    }

    @Test
    void textIsEscapedAsJson() {
        RenderedPush p = new RenderedPush("\"Quoted\" \\ é 🎉", "line\nbreak", null, null, List.of(), Map.of(), null, null);
        assertThat(ApnsPayloads.json(p))
                .isEqualTo("{\"aps\":{\"alert\":{\"title\":\"\\\"Quoted\\\" \\\\ é 🎉\",\"body\":\"line\\nbreak\"}}}");
    }

    @Test
    void contentRulesMeasureTheRealPayloads() {
        PushContent fits = new PushContent("t", "b".repeat(3900), null, null, null, null, null, null);
        assertThat(dev.audience.campaign.PushContentRules.check(fits, new PushPayloadSizes())).isEmpty();
        // 4,000 bytes of body: under APNs' 4,096 but the FCM message passes its 4,000
        PushContent overFcm = new PushContent("t", "b".repeat(4000), null, null, null, null, null, null);
        assertThat(dev.audience.campaign.PushContentRules.check(overFcm, new PushPayloadSizes()))
                .singleElement().satisfies(e -> {
                    assertThat(e.field()).isEqualTo("body");
                    assertThat(e.message()).startsWith("makes the FCM payload 4,").contains("FCM accepts at most 4,000");
                });
        PushContent overBoth = new PushContent("t", "b", null, null, null, Map.of("blob", "x".repeat(4100)), null, null);
        assertThat(dev.audience.campaign.PushContentRules.check(overBoth, new PushPayloadSizes()))
                .extracting(dev.audience.common.FieldError::field).containsExactly("data.blob", "data.blob");
    }
}
