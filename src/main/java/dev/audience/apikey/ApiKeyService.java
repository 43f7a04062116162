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
 * Creates keys and tells which kind a presented key is. Keys carry 256 random bits, so a plain
 * SHA-256 is a sound way to store them (no slow password hash is needed for high-entropy secrets).
 * An optional bootstrap key from configuration is accepted as a secret key without being stored.
 */
public final class ApiKeyService {
    private static final SecureRandom RANDOM = new SecureRandom();

    private final ApiKeyStore store;
    private final Clock clock;
    private final Optional<String> bootstrapHash;
    /** Verified hashes; keys are never revoked yet, so a hit stays true. */
    private final ConcurrentMap<String, ApiKeyKind> verified = new ConcurrentHashMap<>();

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
        store.insert(new ApiKey(UUID.randomUUID().toString(), kind, hash(key), key.substring(0, 12), clock.instant()));
        return key;
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
        ApiKeyKind cached = verified.get(h);
        if (cached != null) return Optional.of(cached);
        Optional<ApiKeyKind> kind = store.findByHash(h).map(ApiKey::kind);
        kind.ifPresent(k -> verified.put(h, k));
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
