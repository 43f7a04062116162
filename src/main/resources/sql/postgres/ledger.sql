-- name: claim
-- FOR UPDATE SKIP LOCKED: concurrent workers (and nodes) each take different rows; measured here,
-- without it two workers claimed the same rows.
UPDATE deliveries SET state = 'claimed', attempts = attempts + 1, updated_at = ?
WHERE id IN (SELECT id FROM deliveries WHERE state IN ('queued', 'retrying') AND next_attempt_at <= ?
             ORDER BY next_attempt_at, id LIMIT ? FOR UPDATE SKIP LOCKED)
RETURNING id, campaign_id, ordinal, channel, test_run, state, attempts, next_attempt_at, address, reason, updated_at;
