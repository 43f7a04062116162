-- Shared by SQLite and PostgreSQL: the statements are the same in both.

-- name: insert
INSERT INTO api_keys (id, kind, hash, display_prefix, created_at) VALUES (?, ?, ?, ?, ?);

-- name: find-by-hash
-- hash is UNIQUE, so this is one index probe per unknown key (known ones are cached in memory for a while).
SELECT id, kind, hash, display_prefix, created_at, revoked_at FROM api_keys WHERE hash = ?;

-- name: find-by-id
SELECT id, kind, hash, display_prefix, created_at, revoked_at FROM api_keys WHERE id = ?;

-- name: list
SELECT id, kind, hash, display_prefix, created_at, revoked_at FROM api_keys ORDER BY created_at, id;

-- name: revoke
-- Only a key still valid: a second revoke changes nothing (and keeps the first time).
UPDATE api_keys SET revoked_at = ? WHERE id = ? AND revoked_at IS NULL;
