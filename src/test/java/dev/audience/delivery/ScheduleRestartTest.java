package dev.audience.delivery;

import dev.audience.app.Application;
import dev.audience.campaign.Campaign;
import dev.audience.campaign.CampaignDraft;
import dev.audience.campaign.EmailContent;
import dev.audience.common.Change;
import dev.audience.config.AudienceConfig;
import dev.audience.config.ConfigLoader;
import dev.audience.profile.ProfileChanges;
import dev.audience.segment.SegmentDraft;
import dev.audience.segment.SegmentType;
import dev.audience.testing.Backend;
import dev.audience.testing.MutableClock;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/** A schedule is data: a campaign scheduled before a restart starts after it, at its time, once. */
class ScheduleRestartTest {
    @TempDir
    Path dir;

    @ParameterizedTest
    @EnumSource(Backend.class)
    void aScheduleSurvivesARestart(Backend backend) {
        AudienceConfig config = new ConfigLoader(Map.of()).load(Optional.empty(), backend.settings(dir));
        MutableClock clock = new MutableClock(Instant.parse("2026-11-01T08:00:00Z"));
        String id;
        try (Application app = Application.open(config, clock)) {
            app.profiles().put("sr-1", new ProfileChanges(Change.to("sr-1@example.test"), Change.absent(), Change.absent(),
                    Change.absent(), Map.of()));
            app.segments().create(new SegmentDraft("sr-list", "SR", null, SegmentType.STATIC, null, null, false));
            app.staticMembers().add("sr-list", List.of("sr-1"));
            Campaign c = app.campaigns().create(new CampaignDraft("Later", "email", List.of("sr-list"), List.of(),
                    new EmailContent("A", "a@acme.test", null, "S", "T", null), null));
            app.campaigns().schedule(c.id(), clock.instant().plus(Duration.ofHours(1)));
            assertThat(app.campaigns().tick()).doesNotContain("started " + c.id());
            id = c.id();
        }
        clock.advance(Duration.ofMinutes(61));
        try (Application app = Application.open(config, clock)) {
            assertThat(app.campaigns().get(id).status().wireName()).isEqualTo("scheduled");
            assertThat(app.campaigns().tick()).contains("started " + id);
            assertThat(app.campaigns().tick()).doesNotContain("started " + id);
            assertThat(app.storage().ledger().counts(id).values().stream().mapToLong(Long::longValue).sum()).isEqualTo(1);
        }
    }
}
