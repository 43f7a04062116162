package dev.audience.profile;

import dev.audience.testing.Backend;
import dev.audience.testing.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The directory's memory of userIds that have no profile: short, and forgotten when this node creates one. */
class UserDirectoryTest {
    static TestServer server;

    @BeforeAll
    static void start() {
        server = new TestServer(Backend.EMBEDDED);
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private static UserDirectory directory() {
        return new UserDirectory(server.app.storage().profiles(), new LiveProfiles(), server.clock, 1000);
    }

    @Test
    void aUserMissingAMomentAgoIsSeenOnceTheShortMemoryEnds() {
        UserDirectory node = directory();
        assertThat(node.existing("later-1")).isEmpty();
        // created elsewhere (another node, or straight in the store): this node still remembers it missing
        server.app.storage().profiles().ensureOrdinals(List.of("later-1"), server.clock.instant());
        assertThat(node.existing("later-1")).isEmpty();
        server.clock.advance(UserDirectory.ABSENT_FOR.plus(Duration.ofMillis(1)));
        assertThat(node.existing("later-1")).isPresent();
    }

    @Test
    void aUserCreatedThroughThisNodeIsSeenAtOnce() {
        UserDirectory node = directory();
        assertThat(node.existing("now-1")).isEmpty();
        int ordinal = node.ordinalsOf(List.of("now-1")).get("now-1");
        assertThat(node.existing("now-1")).hasValue(ordinal);
        assertThat(node.existing("now-2")).isEmpty();
        node.remember("now-2", 424242);
        assertThat(node.existing("now-2")).hasValue(424242);
    }

    @Test
    void ordinalsForKeepsPositionsCreatesUnknownUsersAndMarksErasedOnes() {
        UserDirectory node = directory();
        int[] first = node.ordinalsFor(List.of("pos-1", "pos-2", "pos-1"));
        assertThat(first[0]).isEqualTo(first[2]).isNotEqualTo(first[1]);
        assertThat(node.existing("pos-2")).as("created").hasValue(first[1]);
        assertThat(node.ordinalsFor(List.of("pos-2", "pos-1"))).containsExactly(first[1], first[0]);
        node.forget("pos-1", first[0]); // erased while the store still answers with the old ordinal
        assertThat(node.ordinalsFor(List.of("pos-1", "pos-2"))).containsExactly(-1, first[1]);
    }
}
