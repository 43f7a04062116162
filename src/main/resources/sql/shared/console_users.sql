-- Console users and their sessions. Shared by SQLite and PostgreSQL: the statements are the same in both.

-- name: insert-user
-- email is UNIQUE: no row back means the address is taken.
INSERT INTO console_users (id, email, role, password_hash, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?)
ON CONFLICT (email) DO NOTHING;

-- name: find-by-email
SELECT id, email, role, password_hash, created_at, updated_at, deactivated_at FROM console_users WHERE email = ?;

-- name: find-by-id
SELECT id, email, role, password_hash, created_at, updated_at, deactivated_at FROM console_users WHERE id = ?;

-- name: list-users
SELECT id, email, role, password_hash, created_at, updated_at, deactivated_at FROM console_users ORDER BY email;

-- name: count-users
SELECT count(*) FROM console_users;

-- name: lock-admins
-- The first statement of a role change or removal: it locks every admin row (PostgreSQL) or takes the write lock
-- (SQLite), so two admins demoting each other at once cannot both see "another admin is left".
UPDATE console_users SET updated_at = updated_at WHERE role = 'admin';

-- name: role-of
SELECT role, deactivated_at FROM console_users WHERE id = ?;

-- name: count-admins
-- Active admins only: a deactivated admin cannot sign in, so does not count as one left.
SELECT count(*) FROM console_users WHERE role = 'admin' AND deactivated_at IS NULL;

-- name: set-role
UPDATE console_users SET role = ?, updated_at = ? WHERE id = ?;

-- name: set-deactivated
-- deactivated_at NULL: active again.
UPDATE console_users SET deactivated_at = ?, updated_at = ? WHERE id = ?;

-- name: set-password
UPDATE console_users SET password_hash = ?, updated_at = ? WHERE id = ?;

-- name: delete-sessions-of-user
-- After a password change or a deactivation: every session of the user ends, but the one given (the browser that
-- changed its own password; '' keeps none).
DELETE FROM console_sessions WHERE user_id = ? AND token_hash <> ?;

-- name: delete-user
-- Its sessions go with it (ON DELETE CASCADE).
DELETE FROM console_users WHERE id = ?;

-- name: insert-session
INSERT INTO console_sessions (token_hash, user_id, csrf_token, created_at, expires_at) VALUES (?, ?, ?, ?, ?);

-- name: find-session
-- One indexed read per console request: the session and its user as they are now (a new role counts at once).
SELECT s.token_hash, s.user_id, s.csrf_token, s.created_at, s.expires_at,
       u.id, u.email, u.role, u.password_hash, u.created_at, u.updated_at, u.deactivated_at
FROM console_sessions s JOIN console_users u ON u.id = s.user_id
WHERE s.token_hash = ?;

-- name: extend-session
UPDATE console_sessions SET expires_at = ? WHERE token_hash = ?;

-- name: delete-session
DELETE FROM console_sessions WHERE token_hash = ?;

-- name: delete-expired-sessions
-- Run at each sign-in (served by the expires_at index), so old rows never pile up.
DELETE FROM console_sessions WHERE expires_at <= ?;

-- name: sign-in-locked-until
-- Checked before a password is: the latest lock of the email and of the client address still running, if any.
SELECT max(locked_until) FROM console_sign_in_failures WHERE subject IN (?, ?) AND locked_until > ?;

-- name: record-sign-in-failure
-- One statement per failure, so two nodes counting at once both count. A count older than the window (its first
-- failure before the second parameter) starts again at 1.
INSERT INTO console_sign_in_failures (subject, failures, first_at, locked_until) VALUES (?, 1, ?, NULL)
ON CONFLICT (subject) DO UPDATE SET
    failures = CASE WHEN console_sign_in_failures.first_at < ? THEN 1 ELSE console_sign_in_failures.failures + 1 END,
    first_at = CASE WHEN console_sign_in_failures.first_at < ? THEN excluded.first_at ELSE console_sign_in_failures.first_at END
RETURNING failures;

-- name: lock-sign-in
-- The limit was reached: locked until the given time, and counting starts again after it.
UPDATE console_sign_in_failures SET locked_until = ?, failures = 0, first_at = ? WHERE subject = ?;

-- name: clear-sign-in-failures
DELETE FROM console_sign_in_failures WHERE subject = ?;

-- name: delete-stale-sign-in-failures
-- Run at each sign-in, failed or not: counts whose window and lock are both over are forgotten (first_at index).
DELETE FROM console_sign_in_failures WHERE first_at < ? AND (locked_until IS NULL OR locked_until <= ?);
