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

-- name: experiment-results
-- An experiment's exposures by variant. Each person counts once, under the variant of their first exposure
-- (arg_min), whatever later changes of variants did; exposures are their exposure events (one a day). A person
-- converted when their last goal event is at or after that first exposure. Parameters: the experiment, the time
-- it was created (an experiment deleted and made again under the same key starts afresh), the goal event (NULL:
-- no goal, nobody converts) and that time again (a goal event before it cannot follow an exposure).
-- The event's name is not reserved: an experiment_exposure sent by an app without a variant exposes nobody to one,
-- and is left out. The goal's events are read once, grouped by person, and joined to the exposed.
WITH exposures AS (
    SELECT ordinal, ts, json_extract_string(properties, '$.variant') AS variant
    FROM events
    WHERE name = 'experiment_exposure' AND json_extract_string(properties, '$.experiment') = ?
      AND ts >= make_timestamp(CAST(? AS BIGINT))
      AND json_extract_string(properties, '$.variant') IS NOT NULL
), firsts AS (
    SELECT ordinal, arg_min(variant, ts) AS variant, min(ts) AS first_ts, count(*) AS exposures
    FROM exposures GROUP BY ordinal
), goals AS (
    SELECT ordinal, max(ts) AS last_ts FROM events WHERE name = ? AND ts >= make_timestamp(CAST(? AS BIGINT)) GROUP BY ordinal
)
SELECT f.variant, count(*) AS users, sum(f.exposures) AS exposures,
       count(*) FILTER (WHERE g.last_ts >= f.first_ts) AS converted
FROM firsts f LEFT JOIN goals g ON g.ordinal = f.ordinal
GROUP BY f.variant ORDER BY f.variant;
