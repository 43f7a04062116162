-- A console user can be deactivated (kept, with their history, but unable to sign in) instead of removed.
ALTER TABLE console_users ADD COLUMN deactivated_at INTEGER;

-- Failed console sign-ins, counted per subject ('email:<address>' or 'address:<client IP>') in the state store, so
-- that every node of a cluster counts the same failures. failures counts since first_at (a window); once it reaches
-- the limit, the subject is locked until locked_until and counting starts again.
CREATE TABLE console_sign_in_failures (
    subject      TEXT    PRIMARY KEY,
    failures     INTEGER NOT NULL,
    first_at     INTEGER NOT NULL,
    locked_until INTEGER
);
CREATE INDEX console_sign_in_failures_first ON console_sign_in_failures (first_at);
