package dev.audience.apikey;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * Creates, lists and revokes keys, and tells which kind a presented key is. Keys carry 256 random bits, so a plain
 * SHA-256 is a sound way to store them (no slow password hash is needed for high-entropy secrets).
 * An optional bootstrap key from configuration is accepted as a secret key without being stored.
 * <p>A verified key is kept in memory and asked of the store again after {@link #RECHECK}: a revoke made here
 * counts at once, one made on another node within that time.
 */
public final class ApiKeyService {
    private static final SecureRandom RANDOM = new SecureRandom();

    private final ApiKeyStore store;
    private final Clock clock;
    private final Optional<String> bootstrapHash;
    public static final java.time.Duration RECHECK = java.time.Duration.ofSeconds(30);

    /** A key the store said is valid, and when it said so (epoch milliseconds of the clock). */
    private record Verified(ApiKeyKind kind, long checkedAt) {}

    /** Verified hashes; an entry older than RECHECK is checked again, a revoke here removes it. */
    private final ConcurrentMap<String, Verified> verified = new ConcurrentHashMap<>();

    public ApiKeyService(ApiKeyStore store, Clock clock, Optional<String> bootstrapKey) {
        this.store = store;
        this.clock = clock;
        this.bootstrapHash = bootstrapKey.map(ApiKeyService::hash);
    }

    /** A new key of that kind; the returned text is shown once and not kept. */
    public String create(ApiKeyKind kind) {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        String key = kind.prefix() + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        store.insert(new ApiKey(UUID.randomUUID().toString(), kind, hash(key), key.substring(0, 12),
                clock.instant().truncatedTo(java.time.temporal.ChronoUnit.MILLIS), null));
        return key;
    }

    /** Every stored key (never the key itself), revoked ones included, oldest first. */
    public java.util.List<ApiKey> list() {
        return store.list();
    }

    /** Revokes a key: refused from now on (here at once, on other nodes within RECHECK). Revoking twice is fine. */
    public ApiKey revoke(String id) {
        ApiKey key = store.findById(id).orElseThrow(() -> new dev.audience.common.NotFoundException("no API key with id " + id));
        store.revoke(id, clock.instant().truncatedTo(java.time.temporal.ChronoUnit.MILLIS));
        verified.remove(key.hash());
        return store.findById(id).orElse(key);
    }

    /** The kind of a presented key, or empty when it is not a key of ours. */
    public Optional<ApiKeyKind> kindOf(String presented) {
        if (presented == null || presented.isEmpty() || presented.length() > 200) return Optional.empty();
        String h = hash(presented);
        if (bootstrapHash.isPresent()
                && MessageDigest.isEqual(bootstrapHash.get().getBytes(StandardCharsets.US_ASCII),
                h.getBytes(StandardCharsets.US_ASCII))) {
            return Optional.of(ApiKeyKind.SECRET);
        }
        long now = clock.millis();
        Verified cached = verified.get(h);
        if (cached != null && now - cached.checkedAt() < RECHECK.toMillis()) return Optional.of(cached.kind());
        Optional<ApiKeyKind> kind = store.findByHash(h).filter(k -> !k.revoked()).map(ApiKey::kind);
        if (kind.isPresent()) verified.put(h, new Verified(kind.get(), now));
        else verified.remove(h);
        return kind;
    }

    static String hash(String key) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(key.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }
}
