-- Cluster mode: a claim records the node that holds the row and until when. A node renews the lease of the
-- rows it holds while it lives; a row claimed or sending whose lease has run out belongs to a node that is
-- gone, and any node recovers it (claimed -> queued, it never left; sending -> unknown, never re-sent).
ALTER TABLE deliveries ADD COLUMN claimed_by TEXT;
ALTER TABLE deliveries ADD COLUMN lease_until BIGINT;

-- Only held rows are in it (a few hundred per node at most), so renewing and recovering read a tiny index
-- however long the ledger grows. The WHERE is written exactly as the statements in ledger.sql write it, so
-- both SQLite and PostgreSQL can use it.
CREATE INDEX deliveries_held ON deliveries (lease_until) WHERE state IN ('claimed', 'sending');

-- The claim takes the oldest due rows of a channel, several nodes at once. Over (channel, state,
-- next_attempt_at) PostgreSQL had to read and sort every queued row for each claim (state IN two values,
-- then id): with 100,000 queued that held three nodes to ~500 messages/s. This index holds only claimable
-- rows, already in claim order, so a claim reads the few rows it takes (SQLite's claim already does, through
-- the rowid at the end of its index).
CREATE INDEX deliveries_claimable ON deliveries (channel, next_attempt_at, id) WHERE state IN ('queued', 'retrying');
