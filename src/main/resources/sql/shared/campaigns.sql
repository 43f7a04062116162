-- Shared by SQLite and PostgreSQL: the statements are the same in both.

-- name: insert
INSERT INTO campaigns (id, name, channel, segments, exclude_segments, content, status, status_reason, send_at, expires_at,
                       snapshot_versions, created_at, updated_at, started_at, finished_at)
VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?);

-- name: update
-- Compare and set: the write lands only on the status it was computed from, so a cancel and a start (or a
-- tick that read its list minutes ago) cannot overwrite one another.
UPDATE campaigns SET name = ?, channel = ?, segments = ?, exclude_segments = ?, content = ?, status = ?, status_reason = ?,
                     send_at = ?, expires_at = ?, snapshot_versions = ?, updated_at = ?, started_at = ?, finished_at = ?
WHERE id = ? AND status = ?;

-- name: find
SELECT id, name, channel, segments, exclude_segments, content, status, status_reason, send_at, expires_at,
       snapshot_versions, created_at, updated_at, started_at, finished_at
FROM campaigns WHERE id = ?;

-- name: list
SELECT id, name, channel, segments, exclude_segments, content, status, status_reason, send_at, expires_at,
       snapshot_versions, created_at, updated_at, started_at, finished_at
FROM campaigns ORDER BY created_at DESC, id;

-- name: with-status
SELECT id, name, channel, segments, exclude_segments, content, status, status_reason, send_at, expires_at,
       snapshot_versions, created_at, updated_at, started_at, finished_at
FROM campaigns WHERE status = ? ORDER BY created_at, id;

-- name: setting
SELECT value FROM settings WHERE name = ?;

-- name: put-setting-once
-- The first writer wins; every node then reads the same value.
INSERT INTO settings (name, value) VALUES (?, ?) ON CONFLICT (name) DO NOTHING;

-- name: insert-banner-test
INSERT INTO banner_tests (campaign_id, run, segment_key, started_at, until) VALUES (?, ?, ?, ?, ?);

-- name: banner-tests
SELECT campaign_id, run, segment_key, started_at, until FROM banner_tests WHERE until > ? ORDER BY started_at, run;
