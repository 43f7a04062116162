package dev.audience.http.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.audience.campaign.BannerContent;
import dev.audience.http.Json;

import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.Map;

/** A banner as the SDK receives it, encoded once per banner when the index is built. */
public final class BannerJson {
    private BannerJson() {}

    public static byte[] encode(String id, BannerContent b, boolean test) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", id);
        m.putAll(content(b));
        m.put("test", test);
        try {
            return Json.MAPPER.writeValueAsBytes(m);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The content's fields as the API shows them (weight and cap are the campaign's, not here). */
    static Map<String, Object> content(BannerContent b) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("placement", b.placement());
        m.put("title", b.title());
        m.put("body", b.body());
        m.put("imageUrl", b.imageUrl());
        m.put("cta", b.cta());
        m.put("style", b.style());
        m.put("dismissible", b.dismissible());
        return m;
    }
}
