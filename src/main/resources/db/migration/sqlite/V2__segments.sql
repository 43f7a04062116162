-- Static segment imports look profiles up by email, case-insensitively.
CREATE INDEX profiles_email_lower ON profiles (lower(email));

-- Segments. definition is the canonical text of a dynamic segment's condition. A refresh is claimed with
-- a lease (lease_owner until lease_until), so one refresh of a segment runs at a time, on any node.
CREATE TABLE segments (
    key             TEXT    PRIMARY KEY,
    name            TEXT    NOT NULL,
    description     TEXT,
    type            TEXT    NOT NULL CHECK (type IN ('static', 'dynamic', 'everyone')),
    definition      TEXT,
    refresh_every_s BIGINT,
    refresh_cron    TEXT,
    internal        BOOLEAN NOT NULL DEFAULT FALSE,
    status          TEXT    NOT NULL DEFAULT 'pending',
    error           TEXT,
    created_at      BIGINT  NOT NULL,
    updated_at      BIGINT  NOT NULL,
    next_refresh_at BIGINT,
    lease_owner     TEXT,
    lease_until     BIGINT
);
CREATE INDEX segments_next_refresh ON segments (next_refresh_at);

-- Every version of every segment: its members as a serialized RoaringBitmap of ordinals.
-- (segment_key, version) is the primary key: two writers of one version cannot both succeed.
CREATE TABLE segment_snapshots (
    segment_key TEXT    NOT NULL REFERENCES segments (key) ON DELETE CASCADE,
    version     BIGINT  NOT NULL,
    created_at  BIGINT  NOT NULL,
    size        BIGINT  NOT NULL,
    entered     BIGINT  NOT NULL,
    exited      BIGINT  NOT NULL,
    members     BLOB    NOT NULL,
    PRIMARY KEY (segment_key, version)
);

-- The built-in Everyone segment: every live profile, refreshed hourly for its history.
INSERT INTO segments (key, name, description, type, refresh_every_s, status, created_at, updated_at, next_refresh_at)
VALUES ('everyone', 'Everyone', 'Every profile that exists', 'everyone', 3600, 'pending', 0, 0, 0);
