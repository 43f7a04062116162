-- Profiles created by their first event have no email. Their NULLs filled both email indexes, and every
-- such profile cost two index inserts for entries no lookup reads (lookups by email never ask for NULL).
-- Partial indexes keep only profiles with an email; queries by email still use them (email = ? implies
-- email IS NOT NULL; the lookup by lower(email) says so itself).
DROP INDEX profiles_email;
CREATE INDEX profiles_email ON profiles (email) WHERE email IS NOT NULL;
DROP INDEX profiles_email_lower;
CREATE INDEX profiles_email_lower ON profiles (lower(email)) WHERE email IS NOT NULL;
