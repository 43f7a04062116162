package dev.audience.banner;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** What a user did with a banner, as the SDK reports it; each is also an analytics event. */
public enum BannerAction {
    IMPRESSION("banner_impression"), CLICK("banner_click"), DISMISS("banner_dismiss");

    private final String eventName;

    BannerAction(String eventName) {
        this.eventName = eventName;
    }

    /** The analytics event it is recorded as, for segments to use. */
    public String eventName() {
        return eventName;
    }

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<BannerAction> fromWire(String s) {
        return Arrays.stream(values()).filter(a -> a.wireName().equals(s)).findFirst();
    }
}
