package dev.audience.experiment;

import org.junit.jupiter.api.Test;
import org.roaringbitmap.RoaringBitmap;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** The assignment rules, over real bitmaps: frequencies, stability, minimal movement, allocation, targeting. */
class AssignerTest {
    private static final int USERS = 100_000;
    private final RoaringBitmap beta = new RoaringBitmap();
    private final RoaringBitmap staff = new RoaringBitmap();
    private final Assigner assigner = new Assigner(new SegmentMembership() {
        @Override
        public boolean contains(String segmentKey, int ordinal) {
            return switch (segmentKey) {
                case "beta" -> beta.contains(ordinal);
                case "staff" -> staff.contains(ordinal);
                default -> false;
            };
        }

        @Override
        public long version(String segmentKey) {
            return 7;
        }
    }, userId -> userId.startsWith("u") ? Optional.of(Integer.parseInt(userId.substring(1))) : Optional.empty());

    private static Experiment experiment(Targeting t, Variant... variants) {
        Instant at = Instant.parse("2026-11-01T00:00:00Z");
        return new Experiment("checkout", "Checkout", List.of(variants), t, ExperimentStatus.RUNNING, "salt-1", at, at, at, null);
    }

    private static Targeting everyone() {
        return new Targeting(List.of(), List.of(), Targeting.ALL);
    }

    private Map<String, Integer> counts(Experiment e) {
        Map<String, Integer> c = new HashMap<>();
        for (int i = 0; i < USERS; i++) {
            Assignment a = assigner.assign(e, "u" + i);
            c.merge(a.inExperiment() ? a.variant() : "out", 1, Integer::sum);
        }
        return c;
    }

    @Test
    void variantsFollowTheirWeights() {
        Map<String, Integer> even = counts(experiment(everyone(), new Variant("control", 50), new Variant("treatment", 50)));
        assertThat(even.get("control") / (double) USERS).isCloseTo(0.5, within(0.01));
        Map<String, Integer> three = counts(experiment(everyone(), new Variant("a", 20), new Variant("b", 30), new Variant("c", 50)));
        assertThat(three.get("a") / (double) USERS).isCloseTo(0.2, within(0.01));
        assertThat(three.get("b") / (double) USERS).isCloseTo(0.3, within(0.01));
        assertThat(three.get("c") / (double) USERS).isCloseTo(0.5, within(0.01));
        Map<String, Integer> zero = counts(experiment(everyone(), new Variant("a", 0), new Variant("b", 1)));
        assertThat(zero).doesNotContainKey("a");
    }

    @Test
    void theSameUserAlwaysGetsTheSameVariant() {
        Experiment e = experiment(everyone(), new Variant("control", 50), new Variant("treatment", 50));
        Assigner other = new Assigner(assignerMembership(), u -> Optional.empty());
        for (int i = 0; i < 1000; i++) {
            String u = "u" + i;
            assertThat(assigner.assign(e, u).variant()).isEqualTo(assigner.assign(e, u).variant())
                    .isEqualTo(other.assign(e, u).variant());
        }
    }

    /** Raising one weight moves only users into that variant, about as many as the change in share. */
    @Test
    void changingAWeightMovesAsFewUsersAsPossible() {
        Experiment before = experiment(everyone(), new Variant("a", 30), new Variant("b", 30), new Variant("c", 40));
        Experiment after = experiment(everyone(), new Variant("a", 30), new Variant("b", 30), new Variant("c", 60));
        int moved = 0, movedAwayFromC = 0, movedBetweenAAndB = 0;
        for (int i = 0; i < USERS; i++) {
            String was = assigner.assign(before, "u" + i).variant(), now = assigner.assign(after, "u" + i).variant();
            if (!was.equals(now)) {
                moved++;
                if (was.equals("c")) movedAwayFromC++;
                if (!now.equals("c")) movedBetweenAAndB++;
            }
        }
        // c's share goes from 40 % to 50 %: the least movement is 10 % of users, all into c
        assertThat(moved / (double) USERS).isCloseTo(0.10, within(0.01));
        assertThat(movedAwayFromC).isZero();
        assertThat(movedBetweenAAndB).isZero();
    }

    @Test
    void allocationTakesThatShareOfTheEligible() {
        Map<String, Integer> c = counts(experiment(new Targeting(List.of(), List.of(), 2_500), new Variant("a", 1), new Variant("b", 1)));
        assertThat(c.get("out") / (double) USERS).isCloseTo(0.75, within(0.01));
    }

    @Test
    void targetingAndExclusion() {
        for (int i = 0; i < USERS; i += 2) beta.add(i);
        staff.add(0, 2, 4);
        Experiment e = experiment(new Targeting(List.of("beta"), List.of("staff"), Targeting.ALL),
                new Variant("a", 1), new Variant("b", 1));
        assertThat(assigner.assign(e, "u6").inExperiment()).isTrue();
        assertThat(assigner.assign(e, "u6").reason()).isEqualTo("in segment beta");
        assertThat(assigner.assign(e, "u6").segmentVersion()).isEqualTo(7);
        assertThat(assigner.assign(e, "u7").reason()).isEqualTo("not in the target segments");
        assertThat(assigner.assign(e, "u2").reason()).isEqualTo("excluded by segment staff");
        assertThat(assigner.assign(e, "nobody").reason()).isEqualTo("unknown user");
        Experiment draft = e.withStatus(ExperimentStatus.DRAFT, Instant.now());
        assertThat(assigner.assign(draft, "u6").inExperiment()).isFalse();
        assertThat(assigner.assign(e.withStatus(ExperimentStatus.STOPPED, Instant.now()), "u6").reason()).isEqualTo("experiment is stopped");
    }

    @Test
    void flagsRollOutToAShare() {
        Instant at = Instant.now();
        Flag half = new Flag("new-nav", "New nav", true, new Targeting(List.of(), List.of(), 5_000), "salt-2", at, at);
        int on = 0;
        for (int i = 0; i < USERS; i++) if (assigner.decide(half, "u" + i).enabled()) on++;
        assertThat(on / (double) USERS).isCloseTo(0.5, within(0.01));
        Flag off = new Flag("old", "Old", false, new Targeting(List.of(), List.of(), Targeting.ALL), "s", at, at);
        assertThat(assigner.decide(off, "u1")).isEqualTo(new FlagDecision(false, "flag is off"));
    }

    private SegmentMembership assignerMembership() {
        return new SegmentMembership() {
            @Override
            public boolean contains(String segmentKey, int ordinal) {
                return false;
            }

            @Override
            public long version(String segmentKey) {
                return 0;
            }
        };
    }
}
