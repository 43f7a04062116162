-- Shared by SQLite and PostgreSQL: the statements are the same in both (the delete, which reads JSON, is per dialect).

-- name: insert
-- DO NOTHING: no row inserted means the key is taken (a conflict, or a built-in that exists already).
INSERT INTO placements (key, description, created_at) VALUES (?, ?, ?)
ON CONFLICT (key) DO NOTHING;

-- name: find
SELECT key, description, created_at FROM placements WHERE key = ?;

-- name: list
SELECT key, description, created_at FROM placements ORDER BY key;

-- name: update-description
UPDATE placements SET description = ? WHERE key = ?;
