package dev.audience.storage;

import dev.audience.banner.Placement;
import dev.audience.banner.PlacementStore;
import dev.audience.banner.PlacementStore.Deletion;
import dev.audience.campaign.BannerContent;
import dev.audience.campaign.Campaign;
import dev.audience.campaign.CampaignStatus;
import dev.audience.config.ConfigLoader;
import dev.audience.testing.Backend;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/** The store's delete of a placement checks for banners and deletes in one step, on both back ends. */
class PlacementDeleteTest {
    private static final Instant NOW = Instant.parse("2026-11-01T00:00:00Z");

    @TempDir
    Path dir;

    private static Campaign banner(String id, String placement, CampaignStatus status) {
        BannerContent content = new BannerContent(placement, "Title", null, null, null, null, true, 1, null);
        return new Campaign(id, "Banner " + id, Campaign.BANNER, List.of("everyone"), List.of(), content, status, null, null,
                null, null, Map.of(), NOW, NOW, null, null);
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void aPlacementABannerMayStillShowInIsNotDeletedAndAnAbsentOneIsToldApart(Backend backend) {
        try (Storage s = StorageFactory.open(new ConfigLoader(Map.of()).load(Optional.empty(), backend.settings(dir)))) {
            PlacementStore placements = s.stateStores().placements();
            int i = 0;
            for (CampaignStatus status : List.of(CampaignStatus.DRAFT, CampaignStatus.SCHEDULED, CampaignStatus.ACTIVE)) {
                String key = "used-" + status.wireName();
                assertThat(placements.insert(new Placement(key, "", NOW))).isTrue();
                s.campaigns().insert(banner("b" + ++i, key, status));
                assertThat(placements.deleteUnused(key)).as(status.wireName()).isEqualTo(Deletion.IN_USE);
                assertThat(placements.find(key)).as(status.wireName()).isPresent();
            }

            assertThat(placements.insert(new Placement("once-used", "", NOW))).isTrue();
            s.campaigns().insert(banner("ended", "once-used", CampaignStatus.ENDED));
            s.campaigns().insert(banner("cancelled", "once-used", CampaignStatus.CANCELLED));
            s.campaigns().insert(banner("elsewhere", "used-draft", CampaignStatus.ACTIVE));
            assertThat(placements.deleteUnused("once-used")).as("ended and cancelled banners do not hold it")
                    .isEqualTo(Deletion.DELETED);
            assertThat(placements.find("once-used")).isEmpty();
            assertThat(placements.deleteUnused("once-used")).isEqualTo(Deletion.NOT_FOUND);
            assertThat(placements.deleteUnused("never")).isEqualTo(Deletion.NOT_FOUND);
        }
    }
}
