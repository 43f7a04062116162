-- Shared by SQLite and PostgreSQL: answers kept for POSTs sent with an Idempotency-Key.

-- name: begin
-- One statement decides which of two racing requests does the work: the one whose insert lands.
INSERT INTO idempotency_keys (idem_key, route, status, content_type, body, created_at) VALUES (?, ?, NULL, NULL, NULL, ?)
ON CONFLICT (idem_key, route) DO NOTHING;

-- name: take-over
-- A request that began and never finished (its node died) gives way after a minute.
UPDATE idempotency_keys SET created_at = ? WHERE idem_key = ? AND route = ? AND status IS NULL AND created_at < ?;

-- name: find
SELECT status, content_type, body, created_at FROM idempotency_keys WHERE idem_key = ? AND route = ?;

-- name: complete
UPDATE idempotency_keys SET status = ?, content_type = ?, body = ? WHERE idem_key = ? AND route = ?;

-- name: forget
DELETE FROM idempotency_keys WHERE idem_key = ? AND route = ?;

-- name: expire
DELETE FROM idempotency_keys WHERE created_at < ?;
