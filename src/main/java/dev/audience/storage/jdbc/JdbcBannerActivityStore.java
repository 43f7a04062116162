package dev.audience.storage.jdbc;

import dev.audience.banner.BannerAction;
import dev.audience.banner.BannerActivityStore;
import dev.audience.storage.Jdbc;
import dev.audience.storage.NamedQueries;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/** Banner activity over JDBC, for SQLite and PostgreSQL alike (both speak INSERT … ON CONFLICT). */
public final class JdbcBannerActivityStore implements BannerActivityStore {
    private final Jdbc jdbc;
    private final NamedQueries sql;

    public JdbcBannerActivityStore(Jdbc jdbc, NamedQueries sql) {
        this.jdbc = jdbc;
        this.sql = sql;
    }

    @Override
    public void record(String bannerId, String userId, BannerAction action, LocalDate day, Instant at) {
        int impression = action == BannerAction.IMPRESSION ? 1 : 0;
        int click = action == BannerAction.CLICK ? 1 : 0;
        int dismiss = action == BannerAction.DISMISS ? 1 : 0;
        jdbc.inTransaction(c -> {
            Jdbc.update(c, sql.get("count-day"), ps -> {
                ps.setString(1, bannerId);
                ps.setString(2, day.toString());
                ps.setLong(3, impression);
                ps.setLong(4, click);
                ps.setLong(5, dismiss);
            });
            if (dismiss == 1) {
                Jdbc.update(c, sql.get("dismiss"), ps -> {
                    ps.setString(1, bannerId);
                    ps.setString(2, userId);
                    ps.setLong(3, at.toEpochMilli());
                });
            } else {
                Jdbc.update(c, sql.get("count-user-day"), ps -> {
                    ps.setString(1, bannerId);
                    ps.setString(2, userId);
                    ps.setString(3, day.toString());
                    ps.setInt(4, impression);
                    ps.setInt(5, click);
                });
            }
            return null;
        });
    }

    @Override
    public List<UserImpressions> impressionsOn(LocalDate day) {
        return jdbc.query(sql.get("impressions-on-day"), ps -> ps.setString(1, day.toString()),
                rs -> new UserImpressions(rs.getString(1), rs.getString(2), rs.getInt(3)));
    }

    @Override
    public List<String[]> dismissals() {
        return jdbc.query(sql.get("dismissals"), ps -> { }, rs -> new String[] {rs.getString(1), rs.getString(2)});
    }

    @Override
    public List<Day> days(String bannerId) {
        return jdbc.query(sql.get("days"), ps -> ps.setString(1, bannerId), rs -> new Day(LocalDate.parse(rs.getString(1)),
                rs.getLong(2), rs.getLong(3), rs.getLong(4)));
    }

    @Override
    public long uniqueViewers(String bannerId) {
        return jdbc.queryOne(sql.get("unique-viewers"), ps -> ps.setString(1, bannerId), rs -> rs.getLong(1)).orElse(0L);
    }
}
