package dev.audience.common;

import java.time.Instant;
import java.util.Optional;

/** Where the answers to requests sent with an Idempotency-Key are kept (the state store, shared by all nodes). */
public interface IdempotencyStore {
    /** A kept answer; {@code status} null while the first request is still being handled. */
    record Answer(Integer status, String contentType, String body, Instant startedAt) {}

    /** Claims the key for a request now; false when another request has it (finished or not). */
    boolean begin(String key, String route, Instant now);

    /** Claims a key whose request began before {@code abandonedBefore} and never finished; false otherwise. */
    boolean takeOver(String key, String route, Instant now, Instant abandonedBefore);

    Optional<Answer> find(String key, String route);

    void complete(String key, String route, int status, String contentType, String body);

    /** Drops the key (its request failed on the server's side: the client may try again with it). */
    void forget(String key, String route);

    /** Drops answers kept since before {@code before}; returns how many. */
    int expire(Instant before);
}
