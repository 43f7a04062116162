-- Shared by SQLite and PostgreSQL: the statements are the same in both.

-- name: insert
INSERT INTO api_keys (id, kind, hash, display_prefix, created_at) VALUES (?, ?, ?, ?, ?);

-- name: find-by-hash
-- hash is UNIQUE, so this is one index probe per unknown key (known ones are cached in memory).
SELECT id, kind, hash, display_prefix, created_at FROM api_keys WHERE hash = ?;

-- name: list
SELECT id, kind, hash, display_prefix, created_at FROM api_keys ORDER BY created_at;
