package dev.audience.delivery;

import dev.audience.app.Application;
import dev.audience.campaign.Campaign;
import dev.audience.campaign.CampaignDraft;
import dev.audience.campaign.CampaignStatus;
import dev.audience.campaign.EmailContent;
import dev.audience.common.Change;
import dev.audience.config.AudienceConfig;
import dev.audience.config.ConfigLoader;
import dev.audience.profile.ProfileChanges;
import dev.audience.segment.SegmentDraft;
import dev.audience.segment.SegmentType;
import dev.audience.testing.Backend;
import dev.audience.testing.MutableClock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A starting campaign's rows-queued hook runs as soon as a chunk of its rows is committed, while the campaign is still
 * being started (Application hangs the senders' wake-up on it, so they need not wait until the whole audience is in
 * the ledger). The test hangs its own listener there instead, so it checks the hook, not that wiring.
 */
class SendersWokenPerChunkTest {
    @TempDir
    Path dir;

    @Test
    void sendersAreWokenWhenTheFirstRowsAreCommittedBeforeTheCampaignIsSending() {
        AudienceConfig config = new ConfigLoader(Map.of()).load(Optional.empty(), Backend.EMBEDDED.settings(dir));
        MutableClock clock = new MutableClock(Instant.parse("2026-11-01T08:00:00Z"));
        try (Application app = Application.open(config, clock)) {
            for (String u : List.of("wk-1", "wk-2", "wk-3")) {
                app.profiles().put(u, new ProfileChanges(Change.to(u + "@example.test"), Change.absent(), Change.absent(),
                        Change.absent(), Map.of()));
            }
            app.segments().create(new SegmentDraft("wk-list", "WK", null, SegmentType.STATIC, null, null, false));
            app.staticMembers().add("wk-list", List.of("wk-1", "wk-2", "wk-3"));
            Campaign c = app.campaigns().create(new CampaignDraft("Woken", "email", List.of("wk-list"), List.of(),
                    new EmailContent("A", "a@acme.test", null, "S", "T", null), null));
            app.campaigns().schedule(c.id(), null);
            List<String> seen = new ArrayList<>();
            app.campaigns().onRowsQueued(() -> seen.add(app.campaigns().get(c.id()).status().wireName() + " with "
                    + app.storage().ledger().counts(c.id()).getOrDefault(DeliveryState.QUEUED, 0L) + " queued"));

            assertThat(app.campaigns().tick()).contains("started " + c.id());

            assertThat(seen).containsExactly(CampaignStatus.SCHEDULED.wireName() + " with 3 queued");
        }
    }
}
