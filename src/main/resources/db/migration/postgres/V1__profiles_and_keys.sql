-- Profiles: an identity ordinal (a sequence never gives a number twice; segment bitmaps are made of
-- ordinals). Times are epoch milliseconds, the same as the SQLite schema, so one store class serves both.
CREATE TABLE profiles (
    ordinal      INTEGER GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    user_id      TEXT    NOT NULL UNIQUE,
    email        TEXT,
    email_status TEXT    NOT NULL DEFAULT 'subscribed'
                 CHECK (email_status IN ('subscribed', 'unsubscribed', 'bounced', 'complained')),
    timezone     TEXT,
    locale       TEXT,
    attributes   JSONB   NOT NULL DEFAULT '{}',
    created_at   BIGINT  NOT NULL,
    updated_at   BIGINT  NOT NULL,
    version      BIGINT  NOT NULL DEFAULT 0
);
CREATE INDEX profiles_email ON profiles (email);

CREATE TABLE push_tokens (
    token      TEXT    PRIMARY KEY,
    ordinal    INTEGER NOT NULL REFERENCES profiles (ordinal) ON DELETE CASCADE,
    platform   TEXT    NOT NULL CHECK (platform IN ('ios', 'android')),
    created_at BIGINT  NOT NULL
);
CREATE INDEX push_tokens_ordinal ON push_tokens (ordinal);

CREATE TABLE api_keys (
    id             TEXT   PRIMARY KEY,
    kind           TEXT   NOT NULL CHECK (kind IN ('secret', 'publishable')),
    hash           TEXT   NOT NULL UNIQUE,
    display_prefix TEXT   NOT NULL,
    created_at     BIGINT NOT NULL
);
