package dev.audience.apikey;

import dev.audience.testing.Backend;
import dev.audience.testing.TestServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.AfterParameterizedClassInvocation;
import org.junit.jupiter.params.BeforeParameterizedClassInvocation;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

import java.time.Duration;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/** A revoked key is refused: at once by the node that revoked it, within ApiKeyService.RECHECK by the others. */
@ParameterizedClass
@EnumSource(Backend.class)
class ApiKeyRevokeTest {
    @Parameter
    Backend backend;

    static TestServer server;

    @BeforeParameterizedClassInvocation
    static void start(Backend backend) {
        server = new TestServer(backend);
    }

    @AfterParameterizedClassInvocation
    static void stop() {
        server.close();
    }

    @Test
    void aRevokedKeyIsRefusedHereAtOnceAndOnAnotherNodeAfterItsRecheck() {
        ApiKeyService here = server.app.apiKeys();
        // another node: its own service and cache over the same state store
        ApiKeyService there = new ApiKeyService(server.app.storage().apiKeys(), server.clock, Optional.empty());
        String key = here.create(ApiKeyKind.SECRET);
        assertThat(server.api(key).get("/api/v1/segments").status()).isEqualTo(200);
        assertThat(there.kindOf(key)).contains(ApiKeyKind.SECRET); // now cached there

        ApiKey stored = here.list().stream().filter(k -> key.startsWith(k.displayPrefix()) && !k.revoked()).reduce((a, b) -> b)
                .orElseThrow();
        ApiKey revoked = here.revoke(stored.id());
        assertThat(revoked.revokedAt()).isEqualTo(server.clock.instant().truncatedTo(java.time.temporal.ChronoUnit.MILLIS));

        assertThat(server.api(key).get("/api/v1/segments").status()).isEqualTo(401);
        assertThat(here.kindOf(key)).isEmpty();
        assertThat(there.kindOf(key)).as("still in the other node's cache").contains(ApiKeyKind.SECRET);
        server.clock.advance(ApiKeyService.RECHECK);
        assertThat(there.kindOf(key)).isEmpty();

        // listed still, as revoked; revoking again changes nothing
        assertThat(here.list()).filteredOn(k -> k.id().equals(stored.id())).singleElement()
                .satisfies(k -> assertThat(k.revoked()).isTrue());
        assertThat(here.revoke(stored.id()).revokedAt()).isEqualTo(revoked.revokedAt());
    }

    @Test
    void otherKeysStayValid() {
        String a = server.app.apiKeys().create(ApiKeyKind.PUBLISHABLE);
        String b = server.app.apiKeys().create(ApiKeyKind.PUBLISHABLE);
        ApiKey first = server.app.apiKeys().list().stream().filter(k -> a.startsWith(k.displayPrefix())).findFirst().orElseThrow();
        server.app.apiKeys().revoke(first.id());
        assertThat(server.app.apiKeys().kindOf(a)).isEmpty();
        assertThat(server.app.apiKeys().kindOf(b)).contains(ApiKeyKind.PUBLISHABLE);
    }
}
