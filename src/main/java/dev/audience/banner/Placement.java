package dev.audience.banner;

import java.time.Instant;

/** A named place in the customer's application where banners show (top of a page, hero, sidebar). */
public record Placement(String key, String description, Instant createdAt) {}
