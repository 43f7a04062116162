package dev.audience.storage;

import dev.audience.apikey.ApiKeyStore;
import dev.audience.campaign.CampaignStore;
import dev.audience.common.SettingsStore;
import dev.audience.delivery.DeliveryLedger;
import dev.audience.event.EventStore;
import dev.audience.experiment.ExperimentStore;
import dev.audience.experiment.ExposureCounts;
import dev.audience.profile.ProfileStore;
import dev.audience.segment.EventConditions;
import dev.audience.segment.ProfileConditions;
import dev.audience.segment.SegmentStore;

/** The stores a deployment runs on: embedded (SQLite + DuckDB) or PostgreSQL for both. */
public interface Storage extends StateDatabase {
    /** The state stores (SQLite embedded, PostgreSQL in a cluster): one set of classes for both. */
    @Override
    StateStores stateStores();

    EventStore events();

    /** The event store, as segments query it. */
    EventConditions eventConditions();

    /** The event store, as experiment results count exposures and conversions. */
    ExposureCounts exposureCounts();

    default ProfileStore profiles() {
        return stateStores().profiles();
    }

    default ApiKeyStore apiKeys() {
        return stateStores().apiKeys();
    }

    default SegmentStore segments() {
        return stateStores().segments();
    }

    default ExperimentStore experiments() {
        return stateStores().experiments();
    }

    default CampaignStore campaigns() {
        return stateStores().campaigns();
    }

    default DeliveryLedger ledger() {
        return stateStores().ledger();
    }

    default SettingsStore settings() {
        return stateStores().campaigns();
    }

    /** The state store, as segments query profiles. */
    default ProfileConditions profileConditions() {
        return stateStores().profiles();
    }

    /** True when every database answers a trivial query now. */
    boolean ready();

    /** For the start-up log line, e.g. "embedded (SQLite + DuckDB in ./data)". */
    String describe();

    @Override
    void close();
}
