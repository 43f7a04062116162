-- Shared by SQLite and PostgreSQL: the statements are the same in both.

-- name: insert
-- DO NOTHING: no row inserted means the key is taken (reported as a conflict).
INSERT INTO segments (key, name, description, type, definition, refresh_every_s, refresh_cron, internal, status, error,
                      created_at, updated_at, next_refresh_at)
VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
ON CONFLICT (key) DO NOTHING;

-- name: update
UPDATE segments SET name = ?, description = ?, definition = ?, refresh_every_s = ?, refresh_cron = ?, internal = ?,
                    status = ?, error = ?, updated_at = ?, next_refresh_at = ?
WHERE key = ?;

-- name: update-state
-- A refresh writes only what it owns: a PATCH saved while it ran keeps its name, definition and schedule.
UPDATE segments SET status = ?, error = ?, updated_at = ?, next_refresh_at = ? WHERE key = ?;

-- name: find
SELECT key, name, description, type, definition, refresh_every_s, refresh_cron, internal, status, error, created_at,
       updated_at, next_refresh_at
FROM segments WHERE key = ?;

-- name: list
SELECT key, name, description, type, definition, refresh_every_s, refresh_cron, internal, status, error, created_at,
       updated_at, next_refresh_at
FROM segments ORDER BY created_at, key;

-- name: delete-snapshots
DELETE FROM segment_snapshots WHERE segment_key = ?;

-- name: delete
DELETE FROM segments WHERE key = ?;

-- name: save-snapshot
-- The primary key (segment_key, version) makes a second writer of one version a no-op that the caller sees.
INSERT INTO segment_snapshots (segment_key, version, created_at, size, entered, exited, members)
VALUES (?, ?, ?, ?, ?, ?, ?)
ON CONFLICT (segment_key, version) DO NOTHING;

-- name: prune-snapshots
DELETE FROM segment_snapshots WHERE segment_key = ? AND version <= ?;

-- name: latest-versions
-- Cluster: each segment's newest version, polled every 2 s to learn of snapshots other nodes wrote. Read
-- from the (segment_key, version) primary key alone; the bitmaps are fetched only for segments that moved.
SELECT segment_key, max(version) FROM segment_snapshots GROUP BY segment_key;

-- name: latest-snapshot
SELECT version, created_at, size, entered, exited, members FROM segment_snapshots
WHERE segment_key = ? ORDER BY version DESC LIMIT 1;

-- name: history
SELECT version, created_at, size, entered, exited FROM segment_snapshots
WHERE segment_key = ? ORDER BY version DESC LIMIT ?;

-- name: try-lease
-- One statement claims the lease: free or expired. Atomic in SQLite and PostgreSQL alike. The owner is a
-- token of one refresh call, so a second refresh on the same node is refused too.
UPDATE segments SET lease_owner = ?, lease_until = ?
WHERE key = ? AND (lease_until IS NULL OR lease_until < ?);

-- name: release-lease
UPDATE segments SET lease_owner = NULL, lease_until = NULL WHERE key = ? AND lease_owner = ?;

-- name: due
SELECT key FROM segments WHERE next_refresh_at IS NOT NULL AND next_refresh_at <= ? ORDER BY next_refresh_at, key;
