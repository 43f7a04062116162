package dev.audience.delivery.tracking;

import java.util.Objects;

/** A tracked click: which delivery's email it came from and the original URL to redirect to. */
public record Click(String deliveryId, String url) {
    public Click {
        Objects.requireNonNull(deliveryId, "deliveryId");
        Objects.requireNonNull(url, "url");
    }
}
