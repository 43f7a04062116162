package dev.audience.storage.jdbc;

import dev.audience.profile.EmailStatus;
import dev.audience.profile.Platform;
import dev.audience.profile.Profile;
import dev.audience.profile.ProfileStore;
import dev.audience.profile.PushToken;
import dev.audience.segment.ProfileConditions;
import dev.audience.segment.lang.Condition.ProfileMatch;
import dev.audience.segment.sql.Dialect;
import dev.audience.segment.sql.ProfileSqlCompiler;
import dev.audience.segment.sql.SqlQuery;
import dev.audience.storage.Jdbc;
import org.roaringbitmap.RoaringBitmap;
import dev.audience.storage.JsonColumns;
import dev.audience.storage.NamedQueries;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Collection;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Profiles over JDBC. SQLite and PostgreSQL share this class; their differences live in their own
 * {@code sql/<dialect>/profiles.sql}. Times are epoch milliseconds in both.
 */
public final class JdbcProfileStore implements ProfileStore, ProfileConditions {
    private final Jdbc jdbc;
    private final NamedQueries sql;
    private final ProfileSqlCompiler compiler;

    public JdbcProfileStore(Jdbc jdbc, NamedQueries sql, Dialect dialect) {
        this.jdbc = jdbc;
        this.sql = sql;
        this.compiler = new ProfileSqlCompiler(dialect);
    }

    @Override
    public Optional<Profile> find(String userId) {
        return jdbc.withConnection(c -> {
            List<Profile> rows = Jdbc.query(c, sql.get("find-by-user-id"), ps -> ps.setString(1, userId),
                    JdbcProfileStore::profile);
            if (rows.isEmpty()) return Optional.empty();
            Profile p = rows.get(0);
            return Optional.of(p.withPushTokens(tokensOf(c, p.ordinal())));
        });
    }

    private List<PushToken> tokensOf(Connection c, int ordinal) throws SQLException {
        return Jdbc.query(c, sql.get("tokens-of"), ps -> ps.setInt(1, ordinal),
                rs -> new PushToken(rs.getString(1), Platform.fromWire(rs.getString(2)).orElseThrow(),
                        Instant.ofEpochMilli(rs.getLong(3)), Jdbc.millis(rs, "invalid_at"), rs.getString(5)));
    }

    @Override
    public Optional<Profile> insert(Profile d) {
        List<Integer> ordinal = jdbc.query(sql.get("insert"), ps -> {
            ps.setString(1, d.userId());
            Jdbc.setText(ps, 2, d.email());
            ps.setString(3, d.emailStatus().wireName());
            Jdbc.setText(ps, 4, d.timezone());
            Jdbc.setText(ps, 5, d.locale());
            ps.setString(6, JsonColumns.write(d.attributes()));
            ps.setLong(7, d.createdAt().toEpochMilli());
            ps.setLong(8, d.updatedAt().toEpochMilli());
        }, rs -> rs.getInt(1));
        if (ordinal.isEmpty()) return Optional.empty();
        return Optional.of(new Profile(ordinal.get(0), d.userId(), d.email(), d.emailStatus(), d.timezone(),
                d.locale(), d.attributes(), List.of(), d.createdAt(), d.updatedAt(), 0));
    }

    @Override
    public boolean update(Profile p) {
        int n = jdbc.update(sql.get("update"), ps -> {
            Jdbc.setText(ps, 1, p.email());
            ps.setString(2, p.emailStatus().wireName());
            Jdbc.setText(ps, 3, p.timezone());
            Jdbc.setText(ps, 4, p.locale());
            ps.setString(5, JsonColumns.write(p.attributes()));
            ps.setLong(6, p.updatedAt().toEpochMilli());
            ps.setLong(7, p.version());
            ps.setInt(8, p.ordinal());
            ps.setLong(9, p.version() - 1);
        });
        return n == 1;
    }

    @Override
    public Optional<Integer> delete(String userId) {
        return jdbc.inTransaction(c -> {
            List<Integer> ordinal = Jdbc.query(c, sql.get("delete"), ps -> ps.setString(1, userId), rs -> rs.getInt(1));
            if (ordinal.isEmpty()) return Optional.empty();
            Jdbc.update(c, sql.get("delete-tokens-of"), ps -> ps.setInt(1, ordinal.get(0)));
            return Optional.of(ordinal.get(0));
        });
    }

    @Override
    public Map<String, Integer> ensureOrdinals(Collection<String> userIds, Instant now) {
        String ids = JsonColumns.array(userIds);
        return jdbc.inTransaction(c -> {
            Map<String, Integer> out = new HashMap<>(userIds.size() * 2);
            Jdbc.query(c, sql.get("ensure-users"), ps -> {
                ps.setLong(1, now.toEpochMilli());
                ps.setLong(2, now.toEpochMilli());
                ps.setString(3, ids);
            }, rs -> out.put(rs.getString(1), rs.getInt(2)));
            // The insert returns the users it created; those that existed already are read (none, when every
            // id was new: the common case on the ingest path, which then reads nothing back).
            List<String> existing = userIds.stream().filter(id -> !out.containsKey(id)).distinct().toList();
            if (!existing.isEmpty()) {
                Jdbc.query(c, sql.get("ordinals-of"), ps -> ps.setString(1, JsonColumns.array(existing)),
                        rs -> out.put(rs.getString(1), rs.getInt(2)));
            }
            return out;
        });
    }

    @Override
    public void savePushToken(int ordinal, PushToken t) {
        jdbc.update(sql.get("save-push-token"), ps -> {
            ps.setString(1, t.token());
            ps.setInt(2, ordinal);
            ps.setString(3, t.platform().wireName());
            ps.setLong(4, t.createdAt().toEpochMilli());
        });
    }

    @Override
    public Map<Integer, List<PushToken>> validPushTokens(int[] ordinals) {
        Map<Integer, List<PushToken>> out = new HashMap<>();
        jdbc.query(sql.get("valid-tokens-of"), ps -> ps.setString(1, JsonColumns.write(ordinals)), rs -> out
                .computeIfAbsent(rs.getInt(1), k -> new ArrayList<>()).add(new PushToken(rs.getString(2),
                        Platform.fromWire(rs.getString(3)).orElseThrow(), Instant.ofEpochMilli(rs.getLong(4)))));
        return out;
    }

    @Override
    public void invalidatePushTokens(Map<String, String> reasonByToken, Instant now) {
        if (reasonByToken.isEmpty()) return;
        jdbc.inTransaction(c -> {
            for (Map.Entry<String, String> e : reasonByToken.entrySet()) {
                Jdbc.update(c, sql.get("invalidate-token"), ps -> {
                    ps.setLong(1, now.toEpochMilli());
                    ps.setString(2, e.getValue());
                    ps.setString(3, e.getKey());
                });
            }
            return null;
        });
    }

    @Override
    public boolean deletePushToken(int ordinal, String token) {
        return jdbc.update(sql.get("delete-push-token"), ps -> {
            ps.setInt(1, ordinal);
            ps.setString(2, token);
        }) == 1;
    }

    @Override
    public long count() {
        return jdbc.queryOne(sql.get("count"), ps -> {}, rs -> rs.getLong(1)).orElse(0L);
    }

    @Override
    public int[] allOrdinals() {
        return jdbc.ordinals(sql.get("all-ordinals"), List.of()).toArray();
    }

    @Override
    public int[] ordinalsAfter(int ordinal) {
        return jdbc.ordinals(sql.get("ordinals-after"), List.of(ordinal)).toArray();
    }

    @Override
    public Map<String, Integer> existingOrdinals(Collection<String> userIds) {
        Map<String, Integer> out = new HashMap<>(userIds.size() * 2);
        jdbc.query(sql.get("ordinals-of"), ps -> ps.setString(1, JsonColumns.array(userIds)),
                rs -> out.put(rs.getString(1), rs.getInt(2)));
        return out;
    }

    @Override
    public Map<String, List<Integer>> ordinalsByEmail(Collection<String> emails) {
        List<String> lower = emails.stream().map(e -> e.toLowerCase(java.util.Locale.ROOT)).toList();
        Map<String, List<Integer>> out = new HashMap<>();
        jdbc.query(sql.get("ordinals-by-email"), ps -> ps.setString(1, JsonColumns.array(lower)),
                rs -> out.computeIfAbsent(rs.getString(1), k -> new java.util.ArrayList<>()).add(rs.getInt(2)));
        return out;
    }

    @Override
    public List<Profile> byOrdinals(int[] ordinals) {
        return jdbc.query(sql.get("profiles-by-ordinals"), ps -> ps.setString(1, JsonColumns.write(ordinals)),
                JdbcProfileStore::profile);
    }

    @Override
    public void setEmailStatus(int ordinal, EmailStatus status, Instant now) {
        jdbc.update(sql.get("set-email-status"), ps -> {
            ps.setString(1, status.wireName());
            ps.setLong(2, now.toEpochMilli());
            ps.setInt(3, ordinal);
        });
    }

    @Override
    public List<Profile> searchPrefix(String prefix, int limit) {
        String pattern = prefix.toLowerCase(java.util.Locale.ROOT).replace("\\", "\\\\").replace("%", "\\%")
                .replace("_", "\\_") + "%";
        return jdbc.query(sql.get("search-prefix"), ps -> {
            ps.setString(1, pattern);
            ps.setString(2, pattern);
            ps.setInt(3, limit);
        }, JdbcProfileStore::profile);
    }

    @Override
    public Map<Integer, String> userIdsOf(int[] ordinals) {
        Map<Integer, String> out = new HashMap<>(ordinals.length * 2);
        jdbc.query(sql.get("user-ids-of"), ps -> ps.setString(1, JsonColumns.write(ordinals)),
                rs -> out.put(rs.getInt(1), rs.getString(2)));
        return out;
    }

    @Override
    public RoaringBitmap matching(ProfileMatch m, Instant now) {
        SqlQuery q = compiler.compile(m, now);
        return jdbc.ordinals(q.sql(), q.params());
    }

    @Override
    public boolean matches(ProfileMatch m, int ordinal, Instant now) {
        SqlQuery q = compiler.matchesOne(m, now, ordinal);
        return jdbc.queryOne(q.sql(), Jdbc.params(q.params()), rs -> rs.getLong(1)).orElse(0L) > 0;
    }

    private static Profile profile(ResultSet rs) throws SQLException {
        return new Profile(rs.getInt("ordinal"), rs.getString("user_id"), rs.getString("email"),
                EmailStatus.fromWire(rs.getString("email_status")).orElseThrow(), rs.getString("timezone"),
                rs.getString("locale"), JsonColumns.readMap(rs.getString("attributes")), List.of(),
                Instant.ofEpochMilli(rs.getLong("created_at")), Instant.ofEpochMilli(rs.getLong("updated_at")),
                rs.getLong("version"));
    }
}
