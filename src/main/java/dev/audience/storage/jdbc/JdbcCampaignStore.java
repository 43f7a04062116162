package dev.audience.storage.jdbc;

import com.fasterxml.jackson.core.type.TypeReference;
import dev.audience.campaign.Campaign;
import dev.audience.campaign.CampaignStatus;
import dev.audience.campaign.CampaignStore;
import dev.audience.campaign.BannerContent;
import dev.audience.campaign.BannerTest;
import dev.audience.campaign.CampaignContent;
import dev.audience.campaign.EmailContent;
import dev.audience.campaign.PushContent;
import dev.audience.common.SettingsStore;
import dev.audience.storage.Jdbc;
import dev.audience.storage.JsonColumns;
import dev.audience.storage.NamedQueries;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/** Campaigns (and server settings) over JDBC, for SQLite and PostgreSQL alike; lists and content are JSON text. */
public final class JdbcCampaignStore implements CampaignStore, SettingsStore {
    private static final TypeReference<List<String>> KEYS = new TypeReference<>() {};
    private static final TypeReference<Map<String, Long>> VERSIONS = new TypeReference<>() {};
    private static final TypeReference<EmailContent> EMAIL = new TypeReference<>() {};
    private static final TypeReference<BannerContent> BANNER = new TypeReference<>() {};
    private static final TypeReference<PushContent> PUSH = new TypeReference<>() {};

    private final Jdbc jdbc;
    private final NamedQueries sql;

    public JdbcCampaignStore(Jdbc jdbc, NamedQueries sql) {
        this.jdbc = jdbc;
        this.sql = sql;
    }

    @Override
    public void insert(Campaign c) {
        jdbc.update(sql.get("insert"), ps -> {
            ps.setString(1, c.id());
            bindFields(ps, c, 2);
            ps.setLong(13, c.createdAt().toEpochMilli());
            ps.setLong(14, c.updatedAt().toEpochMilli());
            Jdbc.setMillis(ps, 15, c.startedAt());
            Jdbc.setMillis(ps, 16, c.finishedAt());
        });
    }

    @Override
    public boolean update(Campaign c, CampaignStatus expected) {
        return jdbc.update(sql.get("update"), ps -> {
            bindFields(ps, c, 1);
            ps.setLong(12, c.updatedAt().toEpochMilli());
            Jdbc.setMillis(ps, 13, c.startedAt());
            Jdbc.setMillis(ps, 14, c.finishedAt());
            ps.setString(15, c.id());
            ps.setString(16, expected.wireName());
        }) == 1;
    }

    /**
     * name, channel, segments, exclude_segments, content, status, status_reason, send_at, expires_at, snapshot_versions,
     * send_time_zone.
     */
    private static void bindFields(PreparedStatement ps, Campaign c, int i) throws SQLException {
        ps.setString(i, c.name());
        ps.setString(i + 1, c.channel());
        ps.setString(i + 2, JsonColumns.write(c.segments()));
        ps.setString(i + 3, JsonColumns.write(c.excludeSegments()));
        ps.setString(i + 4, JsonColumns.write(c.content()));
        ps.setString(i + 5, c.status().wireName());
        if (c.statusReason() == null) ps.setNull(i + 6, Types.VARCHAR);
        else ps.setString(i + 6, c.statusReason());
        Jdbc.setMillis(ps, i + 7, c.sendAt());
        Jdbc.setMillis(ps, i + 8, c.expiresAt());
        ps.setString(i + 9, JsonColumns.write(c.snapshotVersions()));
        Jdbc.setText(ps, i + 10, c.sendTimeZone() == null ? null : c.sendTimeZone().getId());
    }

    @Override
    public boolean delete(String id, CampaignStatus expected) {
        return jdbc.inTransaction(c -> {
            for (String q : List.of("delete-test-attempts", "delete-test-deliveries", "delete-banner-tests",
                    "delete-banner-daily", "delete-banner-user-days", "delete-banner-dismissals")) {
                Jdbc.update(c, sql.get(q), ps -> ps.setString(1, id));
            }
            int deleted = Jdbc.update(c, sql.get("delete"), ps -> {
                ps.setString(1, id);
                ps.setString(2, expected.wireName());
                ps.setString(3, id);
            });
            if (deleted == 1) return true;
            c.rollback(); // it changed meanwhile: its test rows and banner records stay with it
            return false;
        });
    }

    @Override
    public long realDeliveries(String id) {
        return jdbc.queryOne(sql.get("real-deliveries"), ps -> ps.setString(1, id), rs -> rs.getLong(1)).orElse(0L);
    }

    @Override
    public Optional<Campaign> find(String id) {
        return jdbc.queryOne(sql.get("find"), ps -> ps.setString(1, id), JdbcCampaignStore::campaign);
    }

    @Override
    public List<Campaign> list() {
        return jdbc.query(sql.get("list"), ps -> {}, JdbcCampaignStore::campaign);
    }

    @Override
    public List<Campaign> withStatus(CampaignStatus... statuses) {
        List<Campaign> out = new ArrayList<>();
        for (CampaignStatus s : statuses) {
            out.addAll(jdbc.query(sql.get("with-status"), ps -> ps.setString(1, s.wireName()), JdbcCampaignStore::campaign));
        }
        return out;
    }

    @Override
    public String getOrCreate(String name, Supplier<String> initial) {
        Optional<String> have = jdbc.queryOne(sql.get("setting"), ps -> ps.setString(1, name), rs -> rs.getString(1));
        if (have.isPresent()) return have.get();
        String value = initial.get();
        jdbc.update(sql.get("put-setting-once"), ps -> {
            ps.setString(1, name);
            ps.setString(2, value);
        });
        return jdbc.queryOne(sql.get("setting"), ps -> ps.setString(1, name), rs -> rs.getString(1)).orElseThrow();
    }

    @Override
    public void saveBannerTest(BannerTest t) {
        jdbc.update(sql.get("insert-banner-test"), ps -> {
            ps.setString(1, t.campaignId());
            ps.setString(2, t.run());
            ps.setString(3, t.segment());
            ps.setLong(4, t.startedAt().toEpochMilli());
            ps.setLong(5, t.until().toEpochMilli());
        });
    }

    @Override
    public List<BannerTest> bannerTests(Instant now) {
        return jdbc.query(sql.get("banner-tests"), ps -> ps.setLong(1, now.toEpochMilli()), rs -> new BannerTest(
                rs.getString("campaign_id"), rs.getString("run"), rs.getString("segment_key"),
                Instant.ofEpochMilli(rs.getLong("started_at")), Instant.ofEpochMilli(rs.getLong("until"))));
    }

    private static CampaignContent content(String channel, String json) {
        return switch (channel) {
            case Campaign.BANNER -> JsonColumns.read(json, BANNER);
            case Campaign.PUSH -> JsonColumns.read(json, PUSH);
            default -> JsonColumns.read(json, EMAIL);
        };
    }

    private static ZoneId zone(String id) {
        return id == null ? null : ZoneId.of(id);
    }

    private static Campaign campaign(ResultSet rs) throws SQLException {
        return new Campaign(rs.getString("id"), rs.getString("name"), rs.getString("channel"),
                JsonColumns.read(rs.getString("segments"), KEYS), JsonColumns.read(rs.getString("exclude_segments"), KEYS),
                content(rs.getString("channel"), rs.getString("content")),
                CampaignStatus.fromWire(rs.getString("status")).orElseThrow(), rs.getString("status_reason"),
                Jdbc.millis(rs, "send_at"), zone(rs.getString("send_time_zone")), Jdbc.millis(rs, "expires_at"),
                rs.getString("snapshot_versions") == null ? Map.of() : JsonColumns.read(rs.getString("snapshot_versions"), VERSIONS),
                Instant.ofEpochMilli(rs.getLong("created_at")), Instant.ofEpochMilli(rs.getLong("updated_at")),
                Jdbc.millis(rs, "started_at"), Jdbc.millis(rs, "finished_at"));
    }
}
