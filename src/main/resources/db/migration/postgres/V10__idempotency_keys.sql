-- The answers to POSTs sent with an Idempotency-Key, kept a day so a client's retry gets the first answer
-- instead of doing the work twice. status NULL: the first request is still being handled.
CREATE TABLE idempotency_keys (
    idem_key     TEXT   NOT NULL,
    route        TEXT   NOT NULL,
    status       INTEGER,
    content_type TEXT,
    body         TEXT,
    created_at   BIGINT NOT NULL,
    PRIMARY KEY (idem_key, route)
);
CREATE INDEX idempotency_keys_created ON idempotency_keys (created_at);
