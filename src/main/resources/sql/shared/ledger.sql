-- Shared by SQLite and PostgreSQL: the statements are the same in both (claim is per dialect).

-- name: write
-- Written before anything leaves. The partial unique index (real sends only) turns a second row for the
-- same (campaign, profile, channel) into a no-op: resuming or restarting a send never duplicates a message.
INSERT INTO deliveries (campaign_id, ordinal, channel, test_run, state, attempts, next_attempt_at, address, reason,
                        created_at, updated_at)
VALUES (?, ?, ?, ?, ?, 0, 0, ?, ?, ?, ?)
ON CONFLICT (campaign_id, ordinal, channel) WHERE test_run IS NULL DO NOTHING;

-- name: sending
-- Right before a message is handed to the relay, and only if the row is still this worker's claim and its
-- campaign is still sending and not past its expiry (test sends: only the claim). Checked in the same
-- statement, so a cancel or expiry at any moment stops every message that has not been handed over yet.
-- A crash from here on leaves the row "sending": its outcome unknown. Every transition below also checks
-- claimed_by: a node whose lease ran out (a long pause) finds its rows recovered or taken by another node,
-- and its late writes change nothing.
UPDATE deliveries SET state = 'sending', updated_at = ?
WHERE id = ? AND state = 'claimed'
  AND (test_run IS NOT NULL OR EXISTS (SELECT 1 FROM campaigns c WHERE c.id = deliveries.campaign_id
       AND c.status IN ('scheduled', 'sending') AND (c.expires_at IS NULL OR c.expires_at > ?)))
  AND claimed_by = ?;

-- name: close-claimed
-- A claimed row whose campaign was cancelled or expired meanwhile is closed with that state.
UPDATE deliveries SET state = ?, updated_at = ? WHERE id = ? AND state = 'claimed' AND claimed_by = ?;

-- name: release-claimed
-- A claimed row this worker will not send now (the server is stopping, or the batch failed) goes back to the
-- queue; the attempt it took at the claim is given back.
UPDATE deliveries SET state = 'queued', attempts = attempts - 1, updated_at = ? WHERE id = ? AND state = 'claimed'
  AND claimed_by = ?;

-- name: sent
-- Only a row this node holds (claimed_by this node) moves on; anything else was decided elsewhere. The row is
-- "sending" when the hand-over was marked in the ledger (a cluster), still "claimed" when it was marked in the
-- embedded server's journal. There a cancel or expiry may have closed the row while its message was leaving (the
-- ledger cannot tell it was handed over): a message that was delivered, or may have been, says so over that.
UPDATE deliveries SET state = 'sent', reason = ?, updated_at = ? WHERE id = ?
  AND state IN ('claimed', 'sending', 'cancelled', 'expired') AND claimed_by = ?;

-- name: retry
-- Not delivered: a row closed by a cancel or expiry meanwhile stays closed.
UPDATE deliveries SET state = 'retrying', reason = ?, next_attempt_at = ?, updated_at = ? WHERE id = ?
  AND state IN ('claimed', 'sending') AND claimed_by = ?;

-- name: unknown
-- The message went out whole but the relay's reply was lost: it may have been delivered.
UPDATE deliveries SET state = 'unknown', reason = ?, updated_at = ? WHERE id = ?
  AND state IN ('claimed', 'sending', 'cancelled', 'expired') AND claimed_by = ?;

-- name: failed
UPDATE deliveries SET state = 'failed', reason = ?, updated_at = ? WHERE id = ? AND state IN ('claimed', 'sending') AND claimed_by = ?;

-- name: skipped
UPDATE deliveries SET state = 'skipped', reason = ?, updated_at = ? WHERE id = ? AND state IN ('claimed', 'sending') AND claimed_by = ?;

-- name: sending-to-unknown
-- Embedded start-up, before any worker runs: one process owns the store (DuckDB's file lock), so every row
-- left sending was caught mid-send by the last stop: counted as unknown, never re-sent.
UPDATE deliveries SET state = 'unknown', reason = 'the server stopped while this message was being sent; whether it left is unknown',
                      updated_at = ?
WHERE state = 'sending';

-- name: handed-over-to-unknown
-- Embedded start-up, before release-claims: a row the handover journal held with no answer from the relay read was
-- leaving when the server stopped (the ledger still says claimed, or closed by a cancel meanwhile): counted as
-- unknown, never re-sent.
UPDATE deliveries SET state = 'unknown', reason = 'the server stopped while this message was being sent; whether it left is unknown',
                      updated_at = ?
WHERE id = ? AND state IN ('claimed', 'sending', 'cancelled', 'expired') AND claimed_by = ?;

-- name: handed-over-to-sent
-- Embedded start-up: the relay had accepted the row's message before the server stopped, but the ledger had not
-- recorded it yet. Both take in only rows the journal's node (the last run) holds.
UPDATE deliveries SET state = 'sent', reason = 'accepted by the relay; its reply was not recorded before the server stopped',
                      updated_at = ?
WHERE id = ? AND state IN ('claimed', 'sending', 'cancelled', 'expired') AND claimed_by = ?;

-- name: release-claims
-- Embedded start-up: rows claimed but not yet handed to the relay when the server stopped had not left.
UPDATE deliveries SET state = 'queued', updated_at = ? WHERE state = 'claimed';

-- name: expired-sending-to-unknown
-- Any node, any time: a row left sending by a node whose lease ran out (killed, cut off) may have left:
-- counted as unknown, never re-sent. The node is named in the reason, for whoever reads the ledger.
UPDATE deliveries SET state = 'unknown',
       reason = 'node ' || claimed_by || ' stopped while this message was being sent; whether it left is unknown',
       updated_at = ?
WHERE state IN ('claimed', 'sending') AND state = 'sending' AND lease_until < ?;

-- name: expired-claims
-- Any node, any time: rows claimed by a node whose lease ran out had not left: queued again, the attempt
-- the claim took given back.
UPDATE deliveries SET state = 'queued', attempts = attempts - 1, updated_at = ?
WHERE state IN ('claimed', 'sending') AND state = 'claimed' AND lease_until < ?;

-- name: close-pending
-- Cancel and expiry stop what has not left yet; rows being sent right now finish as they will.
UPDATE deliveries SET state = ?, updated_at = ?
WHERE campaign_id = ? AND test_run IS NULL AND state IN ('queued', 'claimed', 'retrying');

-- name: counts
SELECT state, count(*) FROM deliveries WHERE campaign_id = ? AND test_run IS NULL GROUP BY state;

-- name: any-pending
SELECT 1 FROM deliveries WHERE campaign_id = ? AND test_run IS NULL AND state IN ('queued', 'claimed', 'sending', 'retrying')
LIMIT 1;

-- name: page
SELECT id, campaign_id, ordinal, channel, test_run, state, attempts, next_attempt_at, address, reason, updated_at
FROM deliveries
WHERE campaign_id = ? AND test_run IS NULL AND id > ? AND (CAST(? AS TEXT) IS NULL OR state = ?)
ORDER BY id LIMIT ?;

-- name: test-run
-- The console's test-send result: the few rows of one test run (at most 50), found through the campaign's
-- (campaign_id, state, id) index.
SELECT id, campaign_id, ordinal, channel, test_run, state, attempts, next_attempt_at, address, reason, updated_at
FROM deliveries WHERE campaign_id = ? AND test_run = ? ORDER BY id;

-- name: for-profile
-- The console's profile page: one profile's messages, newest first (the deliveries_profile index, V7).
SELECT id, campaign_id, ordinal, channel, test_run, state, attempts, next_attempt_at, address, reason, updated_at
FROM deliveries WHERE ordinal = ? ORDER BY id DESC LIMIT ?;

-- name: find
SELECT id, campaign_id, ordinal, channel, test_run, state, attempts, next_attempt_at, address, reason, updated_at
FROM deliveries WHERE id = ?;

-- name: opened
UPDATE deliveries SET opened_at = ? WHERE id = ? AND opened_at IS NULL;

-- name: clicked
UPDATE deliveries SET clicked_at = ? WHERE id = ? AND clicked_at IS NULL;

-- name: engagement
-- Opens and clicks are counted once per message (the first of each is recorded on the row).
SELECT count(opened_at), count(clicked_at) FROM deliveries WHERE campaign_id = ? AND test_run IS NULL;

-- name: record-attempt
INSERT INTO delivery_attempts (delivery_id, attempt, token, platform, outcome, reply, at) VALUES (?, ?, ?, ?, ?, ?, ?);
