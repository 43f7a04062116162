package dev.audience.storage;

import dev.audience.apikey.ApiKeyStore;
import dev.audience.common.IdempotencyStore;
import dev.audience.banner.BannerActivityStore;
import dev.audience.banner.PlacementStore;
import dev.audience.delivery.DeliveryLedger;
import dev.audience.experiment.ExperimentStore;
import dev.audience.segment.SegmentStore;
import dev.audience.segment.sql.Dialect;
import dev.audience.user.ConsoleUserStore;
import dev.audience.storage.jdbc.JdbcApiKeyStore;
import dev.audience.storage.jdbc.JdbcBannerActivityStore;
import dev.audience.storage.jdbc.JdbcCampaignStore;
import dev.audience.storage.jdbc.JdbcConsoleUserStore;
import dev.audience.storage.jdbc.JdbcDeliveryLedger;
import dev.audience.storage.jdbc.JdbcExperimentStore;
import dev.audience.storage.jdbc.JdbcPlacementStore;
import dev.audience.storage.jdbc.JdbcIdempotencyStore;
import dev.audience.storage.jdbc.JdbcProfileStore;
import dev.audience.storage.jdbc.JdbcSegmentStore;

/**
 * The state stores over one JDBC database, SQLite or PostgreSQL: the same classes, with the dialect's own
 * profile queries and the shared ones, every statement prepared once at start to check it.
 */
public record StateStores(JdbcProfileStore profiles, ApiKeyStore apiKeys, SegmentStore segments, ExperimentStore experiments,
                   JdbcCampaignStore campaigns, DeliveryLedger ledger, PlacementStore placements,
                   BannerActivityStore bannerActivity, ConsoleUserStore consoleUsers,
                   IdempotencyStore idempotency) {

    public static StateStores open(Jdbc jdbc, Dialect dialect, NamedQueries... more) {
        String dir = dialect == Dialect.SQLITE ? "sqlite" : "postgres";
        NamedQueries profileSql = NamedQueries.load("sql/" + dir + "/profiles.sql");
        NamedQueries keySql = NamedQueries.load("sql/shared/api_keys.sql");
        NamedQueries segmentSql = NamedQueries.load("sql/shared/segments.sql");
        NamedQueries experimentSql = NamedQueries.load("sql/shared/experiments.sql");
        NamedQueries campaignSql = NamedQueries.load("sql/shared/campaigns.sql");
        NamedQueries ledgerSql = NamedQueries.load("sql/shared/ledger.sql");
        NamedQueries claimSql = NamedQueries.load("sql/" + dir + "/ledger.sql");
        NamedQueries placementSql = NamedQueries.load("sql/shared/placements.sql");
        NamedQueries placementDeleteSql = NamedQueries.load("sql/" + dir + "/placements.sql");
        NamedQueries bannerSql = NamedQueries.load("sql/shared/banner_activity.sql");
        NamedQueries consoleUserSql = NamedQueries.load("sql/shared/console_users.sql");
        NamedQueries idempotencySql = NamedQueries.load("sql/shared/idempotency.sql");
        jdbc.withConnection(c -> {
            profileSql.checkAgainst(c);
            keySql.checkAgainst(c);
            segmentSql.checkAgainst(c);
            experimentSql.checkAgainst(c);
            campaignSql.checkAgainst(c);
            ledgerSql.checkAgainst(c);
            claimSql.checkAgainst(c);
            placementSql.checkAgainst(c);
            placementDeleteSql.checkAgainst(c);
            bannerSql.checkAgainst(c);
            consoleUserSql.checkAgainst(c);
            idempotencySql.checkAgainst(c);
            for (NamedQueries q : more) q.checkAgainst(c);
            return null;
        });
        return new StateStores(new JdbcProfileStore(jdbc, profileSql, dialect), new JdbcApiKeyStore(jdbc, keySql),
                new JdbcSegmentStore(jdbc, segmentSql), new JdbcExperimentStore(jdbc, experimentSql),
                new JdbcCampaignStore(jdbc, campaignSql), new JdbcDeliveryLedger(jdbc, ledgerSql, claimSql, dialect == Dialect.SQLITE),
                new JdbcPlacementStore(jdbc, placementSql, placementDeleteSql), new JdbcBannerActivityStore(jdbc, bannerSql),
                new JdbcConsoleUserStore(jdbc, consoleUserSql), new JdbcIdempotencyStore(jdbc, idempotencySql));
    }
}
