-- Banner tests: a draft or scheduled banner shown to one segment's members until a time.
CREATE TABLE banner_tests (
    run         TEXT   PRIMARY KEY,
    campaign_id TEXT   NOT NULL REFERENCES campaigns (id),
    segment_key TEXT   NOT NULL,
    started_at  BIGINT NOT NULL,
    until       BIGINT NOT NULL
);
CREATE INDEX banner_tests_until ON banner_tests (until);

-- What users did with banners, counted per banner per UTC day (day as YYYY-MM-DD).
CREATE TABLE banner_daily (
    campaign_id TEXT   NOT NULL,
    day         TEXT   NOT NULL,
    impressions BIGINT NOT NULL,
    clicks      BIGINT NOT NULL,
    dismissals  BIGINT NOT NULL,
    PRIMARY KEY (campaign_id, day)
);

-- The same per user: the daily impression cap reads it at start, unique viewers are counted from it.
CREATE TABLE banner_user_days (
    campaign_id TEXT    NOT NULL,
    user_id     TEXT    NOT NULL,
    day         TEXT    NOT NULL,
    impressions INTEGER NOT NULL,
    clicks      INTEGER NOT NULL,
    PRIMARY KEY (campaign_id, user_id, day)
);
CREATE INDEX banner_user_days_day ON banner_user_days (day);

-- A dismissed banner stays dismissed for that user.
CREATE TABLE banner_dismissals (
    campaign_id  TEXT   NOT NULL,
    user_id      TEXT   NOT NULL,
    dismissed_at BIGINT NOT NULL,
    PRIMARY KEY (campaign_id, user_id)
);
