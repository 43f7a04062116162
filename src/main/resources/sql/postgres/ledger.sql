-- name: claim
-- Each channel's workers take that channel's rows (the due index leads with the channel). The claim records
-- the node and its lease, so only that node's writes move the row on and any node can recover it if the node dies.
-- It reads the deliveries_claimable index (V9) in its order, so no sort. FOR UPDATE SKIP LOCKED: concurrent workers (and nodes) each take different rows; measured here,
-- without it two workers claimed the same rows.
UPDATE deliveries SET state = 'claimed', attempts = attempts + 1, updated_at = ?, claimed_by = ?, lease_until = ?
WHERE id IN (SELECT id FROM deliveries WHERE channel = ? AND state IN ('queued', 'retrying') AND next_attempt_at <= ?
             ORDER BY next_attempt_at, id LIMIT ? FOR UPDATE SKIP LOCKED)
RETURNING id, campaign_id, ordinal, channel, test_run, state, attempts, next_attempt_at, address, reason, updated_at;

-- name: attempts-of
-- The devices tried for a page of push rows, in one query (the row ids as one JSON array).
SELECT delivery_id, attempt, token, platform, outcome, reply, at FROM delivery_attempts
WHERE delivery_id IN (SELECT CAST(value AS bigint) FROM json_array_elements_text(CAST(? AS json))) ORDER BY delivery_id, at, token;

-- name: renew-leases
-- A live node pushes the lease of every row it holds forward (the deliveries_held index: held rows only).
-- The rows are locked in id order, as a group commit writes them: without that the two deadlocked (seen
-- every renewal round in the two-node benchmark), and PostgreSQL rolled one back.
UPDATE deliveries SET lease_until = ?
WHERE id IN (SELECT id FROM deliveries WHERE state IN ('claimed', 'sending') AND claimed_by = ? ORDER BY id FOR UPDATE);
