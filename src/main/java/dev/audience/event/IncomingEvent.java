package dev.audience.event;

import java.time.Instant;

/** An event as a client sent it: by userId; timestamp and messageId may be null. */
public record IncomingEvent(String userId, String name, Instant timestamp, EventProperties properties,
                            String messageId) {}
