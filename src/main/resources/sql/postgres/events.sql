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
