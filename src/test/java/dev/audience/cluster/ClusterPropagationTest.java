package dev.audience.cluster;

import dev.audience.common.Change;
import dev.audience.experiment.FlagDraft;
import dev.audience.experiment.TargetingPatch;
import dev.audience.profile.ProfileChanges;
import dev.audience.segment.SegmentDraft;
import dev.audience.segment.SegmentType;
import dev.audience.testing.Backend;
import dev.audience.testing.TestServer;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two nodes on one PostgreSQL database in one JVM: what one node changes, the other serves after its next
 * sync round (the server runs one every 2 s; here it is called by hand). Each check first shows the other
 * node did not know yet, so the round is what made the difference.
 */
class ClusterPropagationTest {

    @Test
    void profilesSegmentsAndFlagsChangedOnOneNodeAreServedByTheOther() {
        try (TestServer a = new TestServer(Backend.POSTGRES);
             TestServer b = TestServer.joining(a, a.clock, Map.of())) {
            // a profile created on a is live on b: in Everyone, and in a segment a computed
            put(a, "p-1");
            put(a, "p-2");
            assertThat(b.app.segments().isMember("everyone", "p-1")).isFalse();
            a.app.segments().create(new SegmentDraft("vip", "VIP", null, SegmentType.STATIC, null, null, false));
            a.app.staticMembers().add("vip", List.of("p-1"));
            assertThat(b.app.segments().isMember("vip", "p-1")).isFalse();
            b.app.syncCluster();
            assertThat(b.app.segments().isMember("everyone", "p-1")).isTrue();
            assertThat(b.app.segments().isMember("vip", "p-1")).isTrue();
            assertThat(b.app.segments().isMember("vip", "p-2")).isFalse();

            // a new snapshot written on a (a member added) reaches b
            a.app.staticMembers().add("vip", List.of("p-2"));
            assertThat(b.app.segments().isMember("vip", "p-2")).isFalse();
            b.app.syncCluster();
            assertThat(b.app.segments().isMember("vip", "p-2")).isTrue();
            assertThat(b.app.segments().version("vip")).isEqualTo(a.app.segments().version("vip"));

            // a flag created, then turned off, on a
            a.app.experiments().createFlag(new FlagDraft("new-ui", "New UI", true, List.of("vip"), List.of(), 100.0));
            b.app.syncCluster();
            assertThat(b.app.experiments().decide("new-ui", "p-1").enabled()).isTrue();
            a.app.experiments().patchFlag("new-ui", new TargetingPatch(Change.absent(), Change.absent(), Change.to(false),
                    Change.absent(), Change.absent(), Change.absent()));
            assertThat(b.app.experiments().decide("new-ui", "p-1").enabled()).as("not yet synced").isTrue();
            b.app.syncCluster();
            assertThat(b.app.experiments().decide("new-ui", "p-1").enabled()).isFalse();

            // deleted on a: gone from b
            a.app.experiments().deleteFlag("new-ui");
            b.app.syncCluster();
            assertThat(b.app.experiments().flags()).isEmpty();
            a.app.segments().delete("vip");
            b.app.syncCluster();
            assertThat(b.app.segments().version("vip")).isZero();
        }
    }

    private static void put(TestServer s, String userId) {
        s.app.profiles().put(userId, new ProfileChanges(Change.to(userId + "@example.test"), Change.absent(), Change.absent(),
                Change.absent(), Map.of()));
    }
}
