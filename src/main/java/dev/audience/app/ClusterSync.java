package dev.audience.app;

import dev.audience.experiment.ExperimentService;
import dev.audience.profile.LiveProfiles;
import dev.audience.profile.ProfileStore;
import dev.audience.segment.SegmentService;
import org.roaringbitmap.RoaringBitmap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;

/**
 * Cluster: what other nodes changed reaches this one's memory within a round (every 2 s): profiles they
 * created (so this node counts them live: in Everyone, in segment checks), segment snapshots they wrote or
 * segments they deleted, and experiment and flag changes. Banners have their own round
 * (BannerServing.refreshIfChanged); API key revocations are re-checked every 30 s by ApiKeyService; sessions
 * live in the store. Profiles erased on another node stay live here until this node restarts (see
 * docs/architecture.md).
 */
final class ClusterSync {
    private static final Logger LOG = LoggerFactory.getLogger(ClusterSync.class);

    private final ProfileStore profiles;
    private final LiveProfiles live;
    private final SegmentService segments;
    private final ExperimentService experiments;
    private int highestOrdinal;

    ClusterSync(ProfileStore profiles, LiveProfiles live, SegmentService segments, ExperimentService experiments) {
        this.profiles = profiles;
        this.live = live;
        this.segments = segments;
        this.experiments = experiments;
        RoaringBitmap known = live.snapshot();
        this.highestOrdinal = known.isEmpty() ? 0 : known.last();
    }

    /** One round; safe to call from tests. */
    synchronized void runOnce() {
        catchUpAudiences();
        if (experiments.reload()) LOG.debug("experiments or flags changed on other nodes");
    }

    /** What an audience is computed from: profiles created and segment versions written on other nodes. */
    synchronized void catchUpAudiences() {
        int[] created = profiles.ordinalsAfter(highestOrdinal);
        if (created.length > 0) {
            live.addAll(created);
            for (int o : created) highestOrdinal = Math.max(highestOrdinal, o);
        }
        List<String> moved = segments.syncFromStore();
        if (!moved.isEmpty()) LOG.debug("segments changed on other nodes: {}", moved);
    }

    /** For the timer: a failed round is logged, the next one tries again. */
    void round() {
        try {
            runOnce();
        } catch (RuntimeException e) {
            LOG.warn("cluster sync round failed; the next one tries again", e);
        }
    }
}
