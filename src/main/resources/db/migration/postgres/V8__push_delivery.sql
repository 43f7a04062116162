-- A push token the provider called dead (app uninstalled, token for another app) is kept, marked invalid,
-- and never used again until the app registers it anew.
ALTER TABLE push_tokens ADD COLUMN invalid_at BIGINT;
ALTER TABLE push_tokens ADD COLUMN invalid_reason TEXT;

-- Each worker takes the due rows of its own channel: the due index leads with the channel.
CREATE INDEX deliveries_channel_due ON deliveries (channel, state, next_attempt_at);
DROP INDEX deliveries_due;

-- A push row is one message to a person; each of their devices is an attempt recorded under it, with
-- the provider's reply.
CREATE TABLE delivery_attempts (
    delivery_id BIGINT NOT NULL,
    attempt     INTEGER NOT NULL,
    token       TEXT   NOT NULL,
    platform    TEXT   NOT NULL,
    outcome     TEXT   NOT NULL,
    reply       TEXT,
    at          BIGINT NOT NULL
);
CREATE INDEX delivery_attempts_delivery ON delivery_attempts (delivery_id);
