package dev.audience.storage;

import dev.audience.apikey.ApiKeyStore;
import dev.audience.campaign.CampaignStore;
import dev.audience.common.SettingsStore;
import dev.audience.delivery.DeliveryLedger;
import dev.audience.event.EventStore;
import dev.audience.experiment.ExperimentStore;
import dev.audience.profile.ProfileStore;
import dev.audience.segment.EventConditions;
import dev.audience.segment.ProfileConditions;
import dev.audience.segment.SegmentStore;

/** The stores a deployment runs on: embedded (SQLite + DuckDB) or PostgreSQL for both. */
public interface Storage extends AutoCloseable {
    ProfileStore profiles();

    EventStore events();

    ApiKeyStore apiKeys();

    SegmentStore segments();

    ExperimentStore experiments();

    CampaignStore campaigns();

    DeliveryLedger ledger();

    SettingsStore settings();

    /** The event store, as segments query it. */
    EventConditions eventConditions();

    /** The state store, as segments query profiles. */
    ProfileConditions profileConditions();

    /** True when every database answers a trivial query now. */
    boolean ready();

    /** For the start-up log line, e.g. "embedded (SQLite + DuckDB in ./data)". */
    String describe();

    @Override
    void close();
}
