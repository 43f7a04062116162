-- Profiles: the ordinal is the rowid, AUTOINCREMENT so that a deleted profile's ordinal is never given
-- again (segment bitmaps are made of ordinals). Times are epoch milliseconds, as in PostgreSQL's schema.
CREATE TABLE profiles (
    ordinal      INTEGER PRIMARY KEY AUTOINCREMENT,
    user_id      TEXT    NOT NULL UNIQUE,
    email        TEXT,
    email_status TEXT    NOT NULL DEFAULT 'subscribed'
                 CHECK (email_status IN ('subscribed', 'unsubscribed', 'bounced', 'complained')),
    timezone     TEXT,
    locale       TEXT,
    attributes   TEXT    NOT NULL DEFAULT '{}',
    created_at   INTEGER NOT NULL,
    updated_at   INTEGER NOT NULL,
    version      INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX profiles_email ON profiles (email);

-- A device token belongs to one profile at a time.
CREATE TABLE push_tokens (
    token      TEXT    PRIMARY KEY,
    ordinal    INTEGER NOT NULL REFERENCES profiles (ordinal) ON DELETE CASCADE,
    platform   TEXT    NOT NULL CHECK (platform IN ('ios', 'android')),
    created_at INTEGER NOT NULL
);
CREATE INDEX push_tokens_ordinal ON push_tokens (ordinal);

-- API keys are stored as SHA-256 hashes; display_prefix lets a person tell keys apart.
CREATE TABLE api_keys (
    id             TEXT    PRIMARY KEY,
    kind           TEXT    NOT NULL CHECK (kind IN ('secret', 'publishable')),
    hash           TEXT    NOT NULL UNIQUE,
    display_prefix TEXT    NOT NULL,
    created_at     INTEGER NOT NULL
);
