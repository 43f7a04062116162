-- Events in a cluster. Segment queries filter on time and on a user's events: a BRIN index on ts
-- suits an append-mostly table (tiny, and rows arrive roughly in time order), and (ordinal, ts) serves
-- one user's timeline and erasure. A partial unique index makes a repeated messageId a no-op insert.
CREATE TABLE events (
    id          BIGINT      GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    ordinal     INTEGER     NOT NULL,
    name        TEXT        NOT NULL,
    ts          TIMESTAMPTZ NOT NULL,
    properties  JSONB       NOT NULL DEFAULT '{}',
    message_id  TEXT,
    received_at TIMESTAMPTZ NOT NULL
);
CREATE INDEX events_ts_brin ON events USING brin (ts);
CREATE INDEX events_ordinal_ts ON events (ordinal, ts DESC);
CREATE UNIQUE INDEX events_message_id ON events (message_id) WHERE message_id IS NOT NULL;
