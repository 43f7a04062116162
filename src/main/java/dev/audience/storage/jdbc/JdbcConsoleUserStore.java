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
            Optional<Role> before = lockAndRead(c, id);
            if (before.isEmpty()) return Change.NOT_FOUND;
            if (before.get() == Role.ADMIN && role != Role.ADMIN && admins(c) <= 1) return Change.LAST_ADMIN;
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
            Optional<Role> before = lockAndRead(c, id);
            if (before.isEmpty()) return Change.NOT_FOUND;
            if (before.get() == Role.ADMIN && admins(c) <= 1) return Change.LAST_ADMIN;
            Jdbc.update(c, sql.get("delete-user"), ps -> ps.setString(1, id));
            return Change.DONE;
        });
    }

    private Optional<Role> lockAndRead(Connection c, String id) throws SQLException {
        Jdbc.update(c, sql.get("lock-admins"), ps -> {});
        List<Role> roles = Jdbc.query(c, sql.get("role-of"), ps -> ps.setString(1, id), rs -> role(rs.getString(1)));
        return roles.isEmpty() ? Optional.empty() : Optional.of(roles.get(0));
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

    /** A user from six columns starting at {@code from}: id, email, role, password_hash, created_at, updated_at. */
    private static ConsoleUser user(ResultSet rs, int from) throws SQLException {
        return new ConsoleUser(rs.getString(from), rs.getString(from + 1), role(rs.getString(from + 2)),
                rs.getString(from + 3), Instant.ofEpochMilli(rs.getLong(from + 4)), Instant.ofEpochMilli(rs.getLong(from + 5)));
    }

    private static Role role(String wire) {
        return Role.fromWire(wire).orElseThrow(() -> new IllegalStateException("unknown console role in the store: " + wire));
    }
}
