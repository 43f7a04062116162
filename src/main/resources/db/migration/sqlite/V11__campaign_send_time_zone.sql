-- The time zone a campaign's send time was given in (an IANA name such as Europe/Paris), so that its page can
-- show the time as the person chose it, and in UTC. NULL: given as an instant (the API without a zone, or "now").
ALTER TABLE campaigns ADD COLUMN send_time_zone TEXT;
