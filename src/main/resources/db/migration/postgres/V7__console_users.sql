-- Console users: email (lower-cased) is the sign-in name; password_hash is Argon2id in the PHC string format.
CREATE TABLE console_users (
    id            TEXT    PRIMARY KEY,
    email         TEXT    NOT NULL UNIQUE,
    role          TEXT    NOT NULL CHECK (role IN ('admin', 'editor', 'viewer')),
    password_hash TEXT    NOT NULL,
    created_at    BIGINT  NOT NULL,
    updated_at    BIGINT  NOT NULL
);

-- Console sessions, server-side so that they survive restarts and work on every node. Only the SHA-256 of the
-- cookie token is kept; csrf_token is what every form of the session must send back. A removed user's sessions go
-- with the user.
CREATE TABLE console_sessions (
    token_hash TEXT    PRIMARY KEY,
    user_id    TEXT    NOT NULL REFERENCES console_users (id) ON DELETE CASCADE,
    csrf_token TEXT    NOT NULL,
    created_at BIGINT  NOT NULL,
    expires_at BIGINT  NOT NULL
);
CREATE INDEX console_sessions_user ON console_sessions (user_id);
CREATE INDEX console_sessions_expiry ON console_sessions (expires_at);

-- API keys can be revoked from the console: a revoked key stays listed, and is refused.
ALTER TABLE api_keys ADD COLUMN revoked_at BIGINT;

-- The console's profile page lists the messages sent to one profile, newest first.
CREATE INDEX deliveries_profile ON deliveries (ordinal, id);
