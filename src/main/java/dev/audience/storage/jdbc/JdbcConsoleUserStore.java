package dev.audience.storage.jdbc;

import dev.audience.storage.Jdbc;
import dev.audience.storage.NamedQueries;
import dev.audience.user.ConsoleUser;
import dev.audience.user.ConsoleUserStore;
import dev.audience.user.Role;
import dev.audience.user.Session;
import dev.audience.user.SignedIn;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Console users and sessions over JDBC, for SQLite and PostgreSQL alike. */
public final class JdbcConsoleUserStore implements ConsoleUserStore {
    private final Jdbc jdbc;
    private final NamedQueries sql;

    public JdbcConsoleUserStore(Jdbc jdbc, NamedQueries sql) {
        this.jdbc = jdbc;
        this.sql = sql;
    }

    @Override
    public boolean insert(ConsoleUser u) {
        return jdbc.update(sql.get("insert-user"), ps -> {
            ps.setString(1, u.id());
            ps.setString(2, u.email());
            ps.setString(3, u.role().wireName());
            ps.setString(4, u.passwordHash());
            ps.setLong(5, u.createdAt().toEpochMilli());
            ps.setLong(6, u.updatedAt().toEpochMilli());
        }) == 1;
    }

    @Override
    public Optional<ConsoleUser> findByEmail(String email) {
        return jdbc.queryOne(sql.get("find-by-email"), ps -> ps.setString(1, email), rs -> user(rs, 1));
    }

    @Override
    public Optional<ConsoleUser> findById(String id) {
        return jdbc.queryOne(sql.get("find-by-id"), ps -> ps.setString(1, id), rs -> user(rs, 1));
    }

    @Override
    public List<ConsoleUser> list() {
        return jdbc.query(sql.get("list-users"), ps -> {}, rs -> user(rs, 1));
    }

    @Override
    public long count() {
        return jdbc.queryOne(sql.get("count-users"), ps -> {}, rs -> rs.getLong(1)).orElse(0L);
    }

    @Override
    public Change changeRole(String id, Role role, Instant now) {
        return jdbc.inTransaction(c -> {
            Optional<Standing> before = lockAndRead(c, id);
            if (before.isEmpty()) return Change.NOT_FOUND;
            if (before.get().activeAdmin() && role != Role.ADMIN && admins(c) <= 1) return Change.LAST_ADMIN;
            Jdbc.update(c, sql.get("set-role"), ps -> {
                ps.setString(1, role.wireName());
                ps.setLong(2, now.toEpochMilli());
                ps.setString(3, id);
            });
            return Change.DONE;
        });
    }

    @Override
    public Change delete(String id) {
        return jdbc.inTransaction(c -> {
            Optional<Standing> before = lockAndRead(c, id);
            if (before.isEmpty()) return Change.NOT_FOUND;
            if (before.get().activeAdmin() && admins(c) <= 1) return Change.LAST_ADMIN;
            Jdbc.update(c, sql.get("delete-user"), ps -> ps.setString(1, id));
            return Change.DONE;
        });
    }

    @Override
    public Change setDeactivated(String id, Instant deactivatedAt, Instant now) {
        return jdbc.inTransaction(c -> {
            Optional<Standing> before = lockAndRead(c, id);
            if (before.isEmpty()) return Change.NOT_FOUND;
            if (deactivatedAt != null && before.get().activeAdmin() && admins(c) <= 1) return Change.LAST_ADMIN;
            Jdbc.update(c, sql.get("set-deactivated"), ps -> {
                if (deactivatedAt == null) ps.setNull(1, java.sql.Types.BIGINT);
                else ps.setLong(1, deactivatedAt.toEpochMilli());
                ps.setLong(2, now.toEpochMilli());
                ps.setString(3, id);
            });
            if (deactivatedAt != null) endSessions(c, id, null);
            return Change.DONE;
        });
    }

    @Override
    public boolean changePassword(String id, String passwordHash, Instant now, String keepSession) {
        return jdbc.inTransaction(c -> {
            int changed = Jdbc.update(c, sql.get("set-password"), ps -> {
                ps.setString(1, passwordHash);
                ps.setLong(2, now.toEpochMilli());
                ps.setString(3, id);
            });
            if (changed == 1) endSessions(c, id, keepSession);
            return changed == 1;
        });
    }

    private void endSessions(Connection c, String userId, String keep) throws SQLException {
        Jdbc.update(c, sql.get("delete-sessions-of-user"), ps -> {
            ps.setString(1, userId);
            ps.setString(2, keep == null ? "" : keep);
        });
    }

    /** A user's role and whether they are active, read under the admins' lock. */
    private record Standing(Role role, boolean active) {
        boolean activeAdmin() {
            return role == Role.ADMIN && active;
        }
    }

    private Optional<Standing> lockAndRead(Connection c, String id) throws SQLException {
        Jdbc.update(c, sql.get("lock-admins"), ps -> {});
        List<Standing> found = Jdbc.query(c, sql.get("role-of"), ps -> ps.setString(1, id), rs -> {
            Role role = role(rs.getString(1));
            rs.getLong(2);
            return new Standing(role, rs.wasNull()); // deactivated_at NULL: active
        });
        return found.isEmpty() ? Optional.empty() : Optional.of(found.get(0));
    }

    private long admins(Connection c) throws SQLException {
        return Jdbc.query(c, sql.get("count-admins"), ps -> {}, rs -> rs.getLong(1)).get(0);
    }

    @Override
    public void insertSession(Session s) {
        jdbc.update(sql.get("insert-session"), ps -> {
            ps.setString(1, s.tokenHash());
            ps.setString(2, s.userId());
            ps.setString(3, s.csrfToken());
            ps.setLong(4, s.createdAt().toEpochMilli());
            ps.setLong(5, s.expiresAt().toEpochMilli());
        });
    }

    @Override
    public Optional<SignedIn> findSession(String tokenHash) {
        return jdbc.queryOne(sql.get("find-session"), ps -> ps.setString(1, tokenHash), rs -> new SignedIn(user(rs, 6),
                new Session(rs.getString(1), rs.getString(2), rs.getString(3), Instant.ofEpochMilli(rs.getLong(4)),
                        Instant.ofEpochMilli(rs.getLong(5)))));
    }

    @Override
    public void extendSession(String tokenHash, Instant expiresAt) {
        jdbc.update(sql.get("extend-session"), ps -> {
            ps.setLong(1, expiresAt.toEpochMilli());
            ps.setString(2, tokenHash);
        });
    }

    @Override
    public void deleteSession(String tokenHash) {
        jdbc.update(sql.get("delete-session"), ps -> ps.setString(1, tokenHash));
    }

    @Override
    public int deleteExpiredSessions(Instant now) {
        return jdbc.update(sql.get("delete-expired-sessions"), ps -> ps.setLong(1, now.toEpochMilli()));
    }

    @Override
    public Optional<Instant> signInLockedUntil(String emailSubject, String addressSubject, Instant now) {
        return jdbc.queryOne(sql.get("sign-in-locked-until"), ps -> {
            ps.setString(1, emailSubject);
            ps.setString(2, addressSubject);
            ps.setLong(3, now.toEpochMilli());
        }, rs -> {
            long until = rs.getLong(1); // max() over no row is one row holding NULL
            return rs.wasNull() ? Optional.<Instant>empty() : Optional.of(Instant.ofEpochMilli(until));
        }).flatMap(o -> o);
    }

    @Override
    public int recordSignInFailure(String subject, Instant now, Instant windowStart) {
        return jdbc.inTransaction(c -> Jdbc.query(c, sql.get("record-sign-in-failure"), ps -> {
            ps.setString(1, subject);
            ps.setLong(2, now.toEpochMilli());
            ps.setLong(3, windowStart.toEpochMilli());
            ps.setLong(4, windowStart.toEpochMilli());
        }, rs -> rs.getInt(1)).get(0));
    }

    @Override
    public void lockSignIn(String subject, Instant until, Instant now) {
        jdbc.update(sql.get("lock-sign-in"), ps -> {
            ps.setLong(1, until.toEpochMilli());
            ps.setLong(2, now.toEpochMilli());
            ps.setString(3, subject);
        });
    }

    @Override
    public void clearSignInFailures(String subject) {
        jdbc.update(sql.get("clear-sign-in-failures"), ps -> ps.setString(1, subject));
    }

    @Override
    public void deleteStaleSignInFailures(Instant windowStart, Instant now) {
        jdbc.update(sql.get("delete-stale-sign-in-failures"), ps -> {
            ps.setLong(1, windowStart.toEpochMilli());
            ps.setLong(2, now.toEpochMilli());
        });
    }

    /**
     * A user from seven columns starting at {@code from}: id, email, role, password_hash, created_at, updated_at,
     * deactivated_at.
     */
    private static ConsoleUser user(ResultSet rs, int from) throws SQLException {
        long deactivated = rs.getLong(from + 6);
        Instant deactivatedAt = rs.wasNull() ? null : Instant.ofEpochMilli(deactivated);
        return new ConsoleUser(rs.getString(from), rs.getString(from + 1), role(rs.getString(from + 2)),
                rs.getString(from + 3), Instant.ofEpochMilli(rs.getLong(from + 4)), Instant.ofEpochMilli(rs.getLong(from + 5)),
                deactivatedAt);
    }

    private static Role role(String wire) {
        return Role.fromWire(wire).orElseThrow(() -> new IllegalStateException("unknown console role in the store: " + wire));
    }
}
