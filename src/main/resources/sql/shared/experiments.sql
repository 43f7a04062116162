-- Shared by SQLite and PostgreSQL: the statements are the same in both.

-- name: insert-experiment
-- DO NOTHING: no row inserted means the key is taken (reported as a conflict).
INSERT INTO experiments (key, name, variants, segments, exclude_segments, percent_bp, status, salt, created_at, updated_at,
                         started_at, stopped_at)
VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
ON CONFLICT (key) DO NOTHING;

-- name: update-experiment
UPDATE experiments SET name = ?, variants = ?, segments = ?, exclude_segments = ?, percent_bp = ?, status = ?,
                       updated_at = ?, started_at = ?, stopped_at = ?
WHERE key = ?;

-- name: find-experiment
SELECT key, name, variants, segments, exclude_segments, percent_bp, status, salt, created_at, updated_at, started_at,
       stopped_at
FROM experiments WHERE key = ?;

-- name: experiments
SELECT key, name, variants, segments, exclude_segments, percent_bp, status, salt, created_at, updated_at, started_at,
       stopped_at
FROM experiments ORDER BY created_at, key;

-- name: delete-experiment
DELETE FROM experiments WHERE key = ?;

-- name: insert-flag
INSERT INTO flags (key, name, enabled, segments, exclude_segments, percent_bp, salt, created_at, updated_at)
VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
ON CONFLICT (key) DO NOTHING;

-- name: update-flag
UPDATE flags SET name = ?, enabled = ?, segments = ?, exclude_segments = ?, percent_bp = ?, updated_at = ? WHERE key = ?;

-- name: find-flag
SELECT key, name, enabled, segments, exclude_segments, percent_bp, salt, created_at, updated_at FROM flags WHERE key = ?;

-- name: flags
SELECT key, name, enabled, segments, exclude_segments, percent_bp, salt, created_at, updated_at FROM flags
ORDER BY created_at, key;

-- name: delete-flag
DELETE FROM flags WHERE key = ?;
