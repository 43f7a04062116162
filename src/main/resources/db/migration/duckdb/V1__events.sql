-- Events embedded: a columnar table, appended to in bulk. ts and received_at are UTC. Segment
-- queries scan by name and ts; DuckDB's zone maps do the pruning, so no index is kept (an ART index
-- would cost memory on every append). messageId deduplication is an anti-join at append time.
CREATE TABLE events (
    ordinal     INTEGER   NOT NULL,
    name        VARCHAR   NOT NULL,
    ts          TIMESTAMP NOT NULL,
    properties  JSON      NOT NULL,
    message_id  VARCHAR,
    received_at TIMESTAMP NOT NULL
);
