-- Shared by SQLite and PostgreSQL: the statements are the same in both.

-- name: insert
INSERT INTO campaigns (id, name, channel, segments, exclude_segments, content, status, status_reason, send_at, expires_at,
                       snapshot_versions, send_time_zone, created_at, updated_at, started_at, finished_at)
VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?);

-- name: update
-- Compare and set: the write lands only on the status it was computed from, so a cancel and a start (or a
-- tick that read its list minutes ago) cannot overwrite one another.
UPDATE campaigns SET name = ?, channel = ?, segments = ?, exclude_segments = ?, content = ?, status = ?, status_reason = ?,
                     send_at = ?, expires_at = ?, snapshot_versions = ?, send_time_zone = ?, updated_at = ?, started_at = ?, finished_at = ?
WHERE id = ? AND status = ?;

-- name: find
SELECT id, name, channel, segments, exclude_segments, content, status, status_reason, send_at, expires_at,
       snapshot_versions, send_time_zone, created_at, updated_at, started_at, finished_at
FROM campaigns WHERE id = ?;

-- name: list
SELECT id, name, channel, segments, exclude_segments, content, status, status_reason, send_at, expires_at,
       snapshot_versions, send_time_zone, created_at, updated_at, started_at, finished_at
FROM campaigns ORDER BY created_at DESC, id;

-- name: with-status
SELECT id, name, channel, segments, exclude_segments, content, status, status_reason, send_at, expires_at,
       snapshot_versions, send_time_zone, created_at, updated_at, started_at, finished_at
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

-- name: real-deliveries
-- Whether a campaign has rows of a real send in its ledger (test sends carry a test_run and do not count).
SELECT count(*) FROM deliveries WHERE campaign_id = ? AND test_run IS NULL;

-- name: delete-test-attempts
-- A deleted campaign takes its test sends with it: their push attempts, then the rows themselves.
DELETE FROM delivery_attempts WHERE delivery_id IN (SELECT id FROM deliveries WHERE campaign_id = ? AND test_run IS NOT NULL);

-- name: delete-test-deliveries
DELETE FROM deliveries WHERE campaign_id = ? AND test_run IS NOT NULL;

-- name: delete-banner-tests
DELETE FROM banner_tests WHERE campaign_id = ?;

-- name: delete-banner-daily
DELETE FROM banner_daily WHERE campaign_id = ?;

-- name: delete-banner-user-days
DELETE FROM banner_user_days WHERE campaign_id = ?;

-- name: delete-banner-dismissals
DELETE FROM banner_dismissals WHERE campaign_id = ?;

-- name: delete
-- Last, and only while the campaign is still in the status the decision was made on and no real send has
-- written a row meanwhile; otherwise the transaction (with the deletions above) is rolled back.
DELETE FROM campaigns WHERE id = ? AND status = ?
  AND NOT EXISTS (SELECT 1 FROM deliveries WHERE campaign_id = ? AND test_run IS NULL);
