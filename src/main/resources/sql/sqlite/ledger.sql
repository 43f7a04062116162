-- name: claim
-- Each channel's workers take that channel's rows (the due index leads with the channel). The claim records
-- the node and its lease, so only that node's writes move the row on and any node can recover it if the node dies.
-- One statement takes due rows and marks them claimed: SQLite has one writer at a time, so no two
-- workers can take the same row. Oldest due first, in the order of the due index (channel, next_attempt_at, over
-- the waiting rows only; its WHERE is the state term below, word for word, so SQLite uses it): a claim reads only the
-- rows it takes (ordering by id alone made SQLite sort the whole queue for every claim: 10 ms at 200,000 rows).
UPDATE deliveries SET state = 'claimed', attempts = attempts + 1, updated_at = ?, claimed_by = ?, lease_until = ?
WHERE id IN (SELECT id FROM deliveries WHERE channel = ? AND state IN ('queued', 'retrying') AND next_attempt_at <= ? ORDER BY next_attempt_at, id LIMIT ?)
RETURNING id, campaign_id, ordinal, channel, test_run, state, attempts, next_attempt_at, address, reason, updated_at;

-- name: attempts-of
-- The devices tried for a page of push rows, in one query (the row ids as one JSON array).
SELECT delivery_id, attempt, token, platform, outcome, reply, at FROM delivery_attempts
WHERE delivery_id IN (SELECT value FROM json_each(?)) ORDER BY delivery_id, at, token;

-- name: renew-leases
-- A live node pushes the lease of every row it holds forward (the deliveries_held index: held rows only).
UPDATE deliveries SET lease_until = ? WHERE state IN ('claimed', 'sending') AND claimed_by = ?;
