-- name: create-staging
-- A batch with messageIds is appended here first, then moved into events minus its repeats.
-- TEMP: per connection, never persisted; the writer connection is the only one that uses it.
CREATE TEMP TABLE IF NOT EXISTS events_staging (
    seq INTEGER, ordinal INTEGER, name VARCHAR, ts TIMESTAMP, properties JSON, message_id VARCHAR,
    received_at TIMESTAMP);

-- name: move-staged
-- Keeps the first of each messageId in the batch and drops those already stored. The inner SEMI JOIN
-- has the small staging table on its build side, so the stored events are scanned once (message_id
-- column only) and probed, never hashed. A NULL messageId matches nothing in the ANTI JOIN: kept.
INSERT INTO events (ordinal, name, ts, properties, message_id, received_at)
SELECT ordinal, name, ts, properties, message_id, received_at
FROM events_staging s
ANTI JOIN (SELECT e.message_id FROM events e SEMI JOIN events_staging b ON e.message_id = b.message_id) seen
    ON s.message_id = seen.message_id
QUALIFY s.message_id IS NULL OR row_number() OVER (PARTITION BY s.message_id ORDER BY s.seq) = 1;

-- name: clear-staging
DELETE FROM events_staging;

-- name: newest-for
SELECT name, ts, properties, message_id, received_at FROM events WHERE ordinal = ? ORDER BY ts DESC LIMIT ?;

-- name: delete-for
DELETE FROM events WHERE ordinal = ?;

-- name: count
SELECT count(*) FROM events;
