-- Shared by SQLite and PostgreSQL: banner impressions, clicks and dismissals.

-- name: count-day
INSERT INTO banner_daily (campaign_id, day, impressions, clicks, dismissals) VALUES (?, ?, ?, ?, ?)
ON CONFLICT (campaign_id, day) DO UPDATE SET impressions = banner_daily.impressions + excluded.impressions,
                                             clicks = banner_daily.clicks + excluded.clicks,
                                             dismissals = banner_daily.dismissals + excluded.dismissals;

-- name: count-user-day
INSERT INTO banner_user_days (campaign_id, user_id, day, impressions, clicks) VALUES (?, ?, ?, ?, ?)
ON CONFLICT (campaign_id, user_id, day) DO UPDATE SET impressions = banner_user_days.impressions + excluded.impressions,
                                                      clicks = banner_user_days.clicks + excluded.clicks;

-- name: dismiss
INSERT INTO banner_dismissals (campaign_id, user_id, dismissed_at) VALUES (?, ?, ?)
ON CONFLICT (campaign_id, user_id) DO NOTHING;

-- name: impressions-on-day
SELECT campaign_id, user_id, impressions FROM banner_user_days WHERE day = ? AND impressions > 0;

-- name: dismissals
SELECT campaign_id, user_id FROM banner_dismissals;

-- name: days
SELECT day, impressions, clicks, dismissals FROM banner_daily WHERE campaign_id = ? ORDER BY day;

-- name: unique-viewers
SELECT COUNT(DISTINCT user_id) FROM banner_user_days WHERE campaign_id = ? AND impressions > 0;
