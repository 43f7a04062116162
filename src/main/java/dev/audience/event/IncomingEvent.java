package dev.audience.event;

import java.time.Instant;
import java.util.Map;

/** An event as a client sent it: by userId; timestamp and messageId may be null. */
public record IncomingEvent(String userId, String name, Instant timestamp, Map<String, Object> properties,
                            String messageId) {}
