-- Campaigns. segments / exclude_segments are JSON arrays; content is the channel's content as JSON;
-- snapshot_versions records, when sending starts, which version of each segment made the audience.
CREATE TABLE campaigns (
    id                TEXT    PRIMARY KEY,
    name              TEXT    NOT NULL,
    channel           TEXT    NOT NULL,
    segments          TEXT    NOT NULL,
    exclude_segments  TEXT    NOT NULL,
    content           TEXT    NOT NULL,
    status            TEXT    NOT NULL,
    status_reason     TEXT,
    send_at           INTEGER,
    expires_at        INTEGER,
    snapshot_versions TEXT,
    created_at        INTEGER NOT NULL,
    updated_at        INTEGER NOT NULL,
    started_at        INTEGER,
    finished_at       INTEGER
);
CREATE INDEX campaigns_status ON campaigns (status);

-- The delivery ledger: one row per (campaign, profile, channel) for a real send, written before anything
-- leaves; the partial unique index makes a second row impossible. Test sends carry a test_run and are
-- outside that rule. state: queued, sending, sent, retrying, failed, skipped, cancelled, expired, unknown.
CREATE TABLE deliveries (
    id              INTEGER PRIMARY KEY AUTOINCREMENT,
    campaign_id     TEXT    NOT NULL REFERENCES campaigns (id),
    ordinal         INTEGER NOT NULL,
    channel         TEXT    NOT NULL,
    test_run        TEXT,
    state           TEXT    NOT NULL,
    attempts        INTEGER NOT NULL DEFAULT 0,
    next_attempt_at INTEGER NOT NULL DEFAULT 0,
    address         TEXT,
    reason          TEXT,
    opened_at       INTEGER,
    clicked_at      INTEGER,
    created_at      INTEGER NOT NULL,
    updated_at      INTEGER NOT NULL
);
CREATE UNIQUE INDEX deliveries_once ON deliveries (campaign_id, ordinal, channel) WHERE test_run IS NULL;
CREATE INDEX deliveries_due ON deliveries (state, next_attempt_at);
CREATE INDEX deliveries_campaign_state ON deliveries (campaign_id, state, id);

-- Server-wide settings kept in the database, e.g. the secret that signs unsubscribe and tracking links.
CREATE TABLE settings (
    name  TEXT PRIMARY KEY,
    value TEXT NOT NULL
);
