package dev.audience.channel.push;

import dev.audience.campaign.PushContent;
import dev.audience.campaign.template.RenderedPush;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The exact FCM v1 request body for each option. */
class FcmPayloadsTest {
    private static final Duration HOUR = Duration.ofHours(1);
    private static final String HEAD = "{\"message\":{\"token\":\"tok\",\"notification\":{\"title\":\"Hi Ada\",\"body\":\"Your offer\"}";

    static RenderedPush push(String imageUrl, String url, List<PushContent.Action> actions, Map<String, Object> data,
                             PushContent.Android android) {
        return new RenderedPush("Hi Ada", "Your offer", imageUrl, url, actions, data, null, android);
    }

    static RenderedPush android(PushContent.Android a) {
        return push(null, null, List.of(), Map.of(), a);
    }

    @Test
    void titleAndBodyWithTheTtl() {
        assertThat(FcmPayloads.json("tok", push(null, null, List.of(), Map.of(), null), HOUR))
                .isEqualTo(HEAD + ",\"android\":{\"ttl\":\"3600s\"}}}");
    }

    @Test
    void eachAndroidOptionHasItsField() {
        Map<PushContent.Android, String> rows = new LinkedHashMap<>();
        rows.put(new PushContent.Android("offers", null, null, null, null, null, null),
                "{\"ttl\":\"3600s\",\"notification\":{\"channel_id\":\"offers\"}}");
        rows.put(new PushContent.Android(null, "high", null, null, null, null, null), "{\"priority\":\"HIGH\",\"ttl\":\"3600s\"}");
        rows.put(new PushContent.Android(null, "normal", null, null, null, null, null), "{\"priority\":\"NORMAL\",\"ttl\":\"3600s\"}");
        rows.put(new PushContent.Android(null, null, "#ff6600", null, null, null, null),
                "{\"ttl\":\"3600s\",\"notification\":{\"color\":\"#ff6600\"}}");
        rows.put(new PushContent.Android(null, null, null, "ic_offer", null, null, null),
                "{\"ttl\":\"3600s\",\"notification\":{\"icon\":\"ic_offer\"}}");
        rows.put(new PushContent.Android(null, null, null, null, "offer", null, null),
                "{\"ttl\":\"3600s\",\"notification\":{\"tag\":\"offer\"}}");
        rows.put(new PushContent.Android(null, null, null, null, null, "secret", null),
                "{\"ttl\":\"3600s\",\"notification\":{\"visibility\":\"SECRET\"}}");
        rows.put(new PushContent.Android(null, null, null, null, null, null, "offer-42"),
                "{\"collapse_key\":\"offer-42\",\"ttl\":\"3600s\"}");
        rows.forEach((a, json) -> assertThat(FcmPayloads.json("tok", android(a), HOUR)).as(a.toString())
                .isEqualTo(HEAD + ",\"android\":" + json + "}}"));
    }

    @Test
    void imageAndLinkInANotificationMessage() {
        assertThat(FcmPayloads.json("tok", push("https://cdn.example/a.png", "myapp://offers/42", List.of(), Map.of(), null), HOUR))
                .isEqualTo("{\"message\":{\"token\":\"tok\",\"notification\":{\"title\":\"Hi Ada\",\"body\":\"Your offer\","
                        + "\"image\":\"https://cdn.example/a.png\"},\"data\":{\"audience_url\":\"myapp://offers/42\"},"
                        + "\"android\":{\"ttl\":\"3600s\"}}}");
    }

    @Test
    void dataValuesAreStringsOtherJsonAsItsText() {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("orderId", "42");
        data.put("count", 3);
        data.put("vip", true);
        data.put("nested", Map.of("list", List.of(1, "two")));
        assertThat(FcmPayloads.json("tok", push(null, null, List.of(), data, null), HOUR))
                .isEqualTo(HEAD + ",\"data\":{\"orderId\":\"42\",\"count\":\"3\",\"vip\":\"true\","
                        + "\"nested\":\"{\\\"list\\\":[1,\\\"two\\\"]}\"},\"android\":{\"ttl\":\"3600s\"}}}");
    }

    @Test
    void buttonsMakeADataMessageThatCarriesEverythingForTheApp() {
        var android = new PushContent.Android("offers", "high", "#ff6600", "ic_offer", "offer", "public", "offer-42");
        RenderedPush p = push("https://cdn.example/a.png", "myapp://offers/42",
                List.of(new PushContent.Action("buy", "Buy", "https://shop.example/b")), Map.of("orderId", "42"), android);
        assertThat(FcmPayloads.json("tok", p, Duration.ofSeconds(90)))
                .isEqualTo("{\"message\":{\"token\":\"tok\",\"data\":{\"orderId\":\"42\",\"audience_title\":\"Hi Ada\","
                        + "\"audience_body\":\"Your offer\",\"audience_image_url\":\"https://cdn.example/a.png\","
                        + "\"audience_url\":\"myapp://offers/42\","
                        + "\"audience_actions\":\"[{\\\"id\\\":\\\"buy\\\",\\\"label\\\":\\\"Buy\\\",\\\"url\\\":\\\"https://shop.example/b\\\"}]\","
                        + "\"audience_channel_id\":\"offers\",\"audience_color\":\"#ff6600\",\"audience_icon\":\"ic_offer\","
                        + "\"audience_tag\":\"offer\",\"audience_visibility\":\"public\"},"
                        + "\"android\":{\"collapse_key\":\"offer-42\",\"priority\":\"HIGH\",\"ttl\":\"90s\"}}}");
    }

    @Test
    void theSizeLeavesTheTokenOut() {
        RenderedPush p = push(null, null, List.of(), Map.of(), null);
        int withToken = PushJson.bytes(FcmPayloads.json("t".repeat(163), p, HOUR));
        // less the envelope {"message": ... } and "token":"…",
        assertThat(FcmPayloads.size(p, HOUR)).isEqualTo(withToken - "{\"message\":}".length() - ("\"token\":\"\",".length() + 163));
    }
}
