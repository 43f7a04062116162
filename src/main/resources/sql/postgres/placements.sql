-- PostgreSQL: the placement is read from the banner's JSON content (TEXT) as jsonb.

-- name: delete-unused
-- The check and the delete in one statement, so a banner saved between a separate check and the delete cannot be
-- missed: the row goes only while no banner that may still show (any status but the final ones of
-- CampaignStatus.isFinal) names it. No row deleted means absent or in use; the store tells which by looking again.
DELETE FROM placements WHERE key = ? AND NOT EXISTS (
    SELECT 1 FROM campaigns WHERE channel = 'banner' AND status NOT IN ('sent', 'cancelled', 'expired', 'failed', 'ended')
    AND content::jsonb ->> 'placement' = placements.key);
