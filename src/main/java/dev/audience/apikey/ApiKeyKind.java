package dev.audience.apikey;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** Secret keys may do everything; publishable keys, safe to ship in a browser, may only send events and fetch banners. */
public enum ApiKeyKind {
    SECRET("sk"), PUBLISHABLE("pk");

    private final String tag;

    ApiKeyKind(String tag) {
        this.tag = tag;
    }

    /** The part of a key's text that says its kind: {@code aud_sk_...}, {@code aud_pk_...}. */
    public String prefix() {
        return "aud_" + tag + "_";
    }

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<ApiKeyKind> fromWire(String s) {
        return Arrays.stream(values()).filter(k -> k.wireName().equals(s)).findFirst();
    }
}
