-- Experiments and feature flags. variants, segments and exclude_segments are JSON arrays (text);
-- percent_bp is the traffic allocation (experiments) or rollout (flags) in basis points, 10000 = 100 %.
-- salt is fixed at creation: it makes each one's assignments independent of the others'.
CREATE TABLE experiments (
    key              TEXT    PRIMARY KEY,
    name             TEXT    NOT NULL,
    variants         TEXT    NOT NULL,
    segments         TEXT    NOT NULL,
    exclude_segments TEXT    NOT NULL,
    percent_bp       INTEGER NOT NULL,
    status           TEXT    NOT NULL CHECK (status IN ('draft', 'running', 'stopped')),
    salt             TEXT    NOT NULL,
    created_at       BIGINT  NOT NULL,
    updated_at       BIGINT  NOT NULL,
    started_at       BIGINT,
    stopped_at       BIGINT
);

CREATE TABLE flags (
    key              TEXT    PRIMARY KEY,
    name             TEXT    NOT NULL,
    enabled          BOOLEAN NOT NULL,
    segments         TEXT    NOT NULL,
    exclude_segments TEXT    NOT NULL,
    percent_bp       INTEGER NOT NULL,
    salt             TEXT    NOT NULL,
    created_at       BIGINT  NOT NULL,
    updated_at       BIGINT  NOT NULL
);
