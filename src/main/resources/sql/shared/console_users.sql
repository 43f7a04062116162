-- Console users and their sessions. Shared by SQLite and PostgreSQL: the statements are the same in both.

-- name: insert-user
-- email is UNIQUE: no row back means the address is taken.
INSERT INTO console_users (id, email, role, password_hash, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?)
ON CONFLICT (email) DO NOTHING;

-- name: find-by-email
SELECT id, email, role, password_hash, created_at, updated_at FROM console_users WHERE email = ?;

-- name: find-by-id
SELECT id, email, role, password_hash, created_at, updated_at FROM console_users WHERE id = ?;

-- name: list-users
SELECT id, email, role, password_hash, created_at, updated_at FROM console_users ORDER BY email;

-- name: count-users
SELECT count(*) FROM console_users;

-- name: lock-admins
-- The first statement of a role change or removal: it locks every admin row (PostgreSQL) or takes the write lock
-- (SQLite), so two admins demoting each other at once cannot both see "another admin is left".
UPDATE console_users SET updated_at = updated_at WHERE role = 'admin';

-- name: role-of
SELECT role FROM console_users WHERE id = ?;

-- name: count-admins
SELECT count(*) FROM console_users WHERE role = 'admin';

-- name: set-role
UPDATE console_users SET role = ?, updated_at = ? WHERE id = ?;

-- name: delete-user
-- Its sessions go with it (ON DELETE CASCADE).
DELETE FROM console_users WHERE id = ?;

-- name: insert-session
INSERT INTO console_sessions (token_hash, user_id, csrf_token, created_at, expires_at) VALUES (?, ?, ?, ?, ?);

-- name: find-session
-- One indexed read per console request: the session and its user as they are now (a new role counts at once).
SELECT s.token_hash, s.user_id, s.csrf_token, s.created_at, s.expires_at,
       u.id, u.email, u.role, u.password_hash, u.created_at, u.updated_at
FROM console_sessions s JOIN console_users u ON u.id = s.user_id
WHERE s.token_hash = ?;

-- name: extend-session
UPDATE console_sessions SET expires_at = ? WHERE token_hash = ?;

-- name: delete-session
DELETE FROM console_sessions WHERE token_hash = ?;

-- name: delete-expired-sessions
-- Run at each sign-in (served by the expires_at index), so old rows never pile up.
DELETE FROM console_sessions WHERE expires_at <= ?;
