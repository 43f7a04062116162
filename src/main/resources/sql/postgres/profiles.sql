-- name: find-by-user-id
-- The whole profile row; push tokens come from tokens-of (a second indexed read beats a join + group).
SELECT ordinal, user_id, email, email_status, timezone, locale, attributes, created_at, updated_at, version
FROM profiles WHERE user_id = ?;

-- name: tokens-of
SELECT token, platform, created_at, invalid_at, invalid_reason FROM push_tokens WHERE ordinal = ? ORDER BY created_at, token;

-- name: insert
-- DO NOTHING + RETURNING: no row back means a concurrent writer created this user first.
INSERT INTO profiles (user_id, email, email_status, timezone, locale, attributes, created_at, updated_at, version)
VALUES (?, ?, ?, ?, ?, ?::jsonb, ?, ?, 0)
ON CONFLICT (user_id) DO NOTHING
RETURNING ordinal;

-- name: update
-- Optimistic concurrency: the write lands only on the version it was computed from.
UPDATE profiles SET email = ?, email_status = ?, timezone = ?, locale = ?, attributes = ?::jsonb, updated_at = ?, version = ?
WHERE ordinal = ? AND version = ?;

-- name: delete
DELETE FROM profiles WHERE user_id = ? RETURNING ordinal;

-- name: delete-tokens-of
DELETE FROM push_tokens WHERE ordinal = ?;

-- name: ensure-users
-- One statement for a whole event batch's unknown users; the ids come as one JSON array parameter,
-- so the statement text never depends on the batch size. Only absent ids are inserted (ON CONFLICT alone
-- would still take a number from the identity sequence for every existing one), in sorted order, so two
-- batches inserting the same new users take their row locks in one order and cannot deadlock.
INSERT INTO profiles (user_id, created_at, updated_at)
SELECT t.value, ?::bigint, ?::bigint FROM json_array_elements_text(?::json) AS t (value)
WHERE NOT EXISTS (SELECT 1 FROM profiles p WHERE p.user_id = t.value)
ORDER BY t.value
ON CONFLICT (user_id) DO NOTHING
-- The new users' ordinals; those that existed already are read with ordinals-of.
RETURNING user_id, ordinal;

-- name: ordinals-of
SELECT user_id, ordinal FROM profiles WHERE user_id IN (SELECT value FROM json_array_elements_text(?::json));

-- name: save-push-token
-- A token registered again (another login on the same device) moves to the new profile.
INSERT INTO push_tokens (token, ordinal, platform, created_at) VALUES (?, ?, ?, ?)
-- Registered anew, a token marked invalid is valid again (the app was installed again).
ON CONFLICT (token) DO UPDATE SET ordinal = excluded.ordinal, platform = excluded.platform, invalid_at = NULL,
                                  invalid_reason = NULL;

-- name: delete-push-token
DELETE FROM push_tokens WHERE ordinal = ? AND token = ?;

-- name: count
SELECT count(*) FROM profiles;

-- name: all-ordinals
SELECT ordinal FROM profiles;

-- name: ordinals-after
-- Cluster: profiles other nodes created since this node last looked. Ordinals only grow, so "after the
-- highest I know" is a range read of the primary key, however many profiles there are.
SELECT ordinal FROM profiles WHERE ordinal > ?;

-- name: ordinals-by-email
-- Served by the lower(email) index; the addresses come as one JSON array parameter, already lower-cased.
SELECT lower(email), ordinal FROM profiles WHERE lower(email) IN (SELECT value FROM json_array_elements_text(CAST(? AS json)));

-- name: user-ids-of
SELECT ordinal, user_id FROM profiles WHERE ordinal IN (SELECT CAST(value AS integer) FROM json_array_elements_text(CAST(? AS json)));

-- name: profiles-by-ordinals
-- Campaign sends read recipients in chunks: one query per chunk, the ordinals as one JSON array.
SELECT ordinal, user_id, email, email_status, timezone, locale, attributes, created_at, updated_at, version
FROM profiles WHERE ordinal IN (SELECT CAST(value AS integer) FROM json_array_elements_text(CAST(? AS json)));

-- name: set-email-status
UPDATE profiles SET email_status = ?, updated_at = ?, version = version + 1 WHERE ordinal = ?;

-- name: search-prefix
-- The console's profile search: userIds and emails starting with the text (JdbcProfileStore.searchPrefix makes the
-- pattern: lower-cased, with \, % and _ escaped). A scan in ordinal order that stops at the limit: fine for a person's
-- search at console scale; exact userId and email matches come first through their own indexes (ProfileService).
SELECT ordinal, user_id, email, email_status, timezone, locale, attributes, created_at, updated_at, version
FROM profiles WHERE lower(user_id) LIKE ? ESCAPE '\' OR lower(email) LIKE ? ESCAPE '\'
ORDER BY ordinal LIMIT ?;
-- name: valid-tokens-of
-- A push send reads the devices of a chunk of recipients at once: the tokens not marked invalid.
SELECT ordinal, token, platform, created_at FROM push_tokens
WHERE ordinal IN (SELECT CAST(value AS integer) FROM json_array_elements_text(CAST(? AS json))) AND invalid_at IS NULL ORDER BY ordinal, created_at, token;

-- name: invalidate-token
-- A provider said the token is dead: marked, kept for the profile page, never used again.
UPDATE push_tokens SET invalid_at = ?, invalid_reason = ? WHERE token = ? AND invalid_at IS NULL;
