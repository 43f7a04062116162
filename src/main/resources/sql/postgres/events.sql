-- name: append
-- A whole batch in one statement: each column comes as one array parameter, unnest turns them into
-- rows. ON CONFLICT on the partial unique index drops a messageId already stored or repeated in the batch.
INSERT INTO events (ordinal, name, ts, properties, message_id, received_at)
SELECT * FROM unnest(?::int[], ?::text[], ?::timestamptz[], ?::jsonb[], ?::text[], ?::timestamptz[])
ON CONFLICT (message_id) WHERE message_id IS NOT NULL DO NOTHING;

-- name: newest-for
-- Served by the (ordinal, ts DESC) index.
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
-- (DISTINCT ON, earliest first), whatever later changes of variants did; exposures are their exposure events (one
-- a day). A person converted when their last goal event is at or after that first exposure. Parameters: the
-- experiment, the time it was created (an experiment deleted and made again under the same key starts afresh), the
-- goal event (NULL: no goal, nobody converts) and that time again (a goal event before it cannot follow an
-- exposure). The BRIN index on ts narrows the exposures to the experiment's life. The event's name is not
-- reserved: an experiment_exposure sent by an app without a variant exposes nobody to one, and is left out.
WITH exposures AS (
    SELECT ordinal, ts, properties->>'variant' AS variant
    FROM events
    WHERE name = 'experiment_exposure' AND properties->>'experiment' = ? AND ts >= CAST(? AS timestamptz)
      AND properties->>'variant' IS NOT NULL
), firsts AS (
    SELECT DISTINCT ON (ordinal) ordinal, variant, ts AS first_ts,
           count(*) OVER (PARTITION BY ordinal) AS exposures
    FROM exposures ORDER BY ordinal, ts
), goals AS (
    SELECT ordinal, max(ts) AS last_ts FROM events WHERE name = ? AND ts >= CAST(? AS timestamptz) GROUP BY ordinal
)
SELECT f.variant, count(*) AS users, sum(f.exposures) AS exposures,
       count(*) FILTER (WHERE g.last_ts >= f.first_ts) AS converted
FROM firsts f LEFT JOIN goals g ON g.ordinal = f.ordinal
GROUP BY f.variant ORDER BY f.variant;
