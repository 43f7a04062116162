-- name: create-staging
-- A batch with messageIds is appended here first, then moved into events minus its repeats.
-- TEMP: per connection, never persisted; the writer connection is the only one that uses it.
CREATE TEMP TABLE IF NOT EXISTS events_staging (
    seq INTEGER, ordinal INTEGER, name VARCHAR, ts TIMESTAMP, properties JSON, message_id VARCHAR,
    received_at TIMESTAMP);

-- name: clear-staging
DELETE FROM events_staging;

-- name: message-id-count
-- Sizes the filter of seen messageIds before it is loaded.
SELECT count(message_id) FROM events;

-- name: message-ids
-- Loads the filter of seen messageIds at start: one column scan, each id hashed in Java.
SELECT message_id FROM events WHERE message_id IS NOT NULL;

-- name: newest-for
SELECT name, ts, properties, message_id, received_at FROM events WHERE ordinal = ? ORDER BY ts DESC LIMIT ?;

-- name: delete-for
DELETE FROM events WHERE ordinal = ?;

-- name: count
SELECT count(*) FROM events;

-- name: promoted
SELECT id, property, type, column_name FROM promoted_properties ORDER BY id;

-- name: register-promoted
INSERT INTO promoted_properties (id, property, type, column_name) VALUES (?, ?, ?, ?);
