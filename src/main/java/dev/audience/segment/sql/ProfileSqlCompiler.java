package dev.audience.segment.sql;

import dev.audience.segment.lang.Condition.ProfileMatch;
import dev.audience.segment.lang.Op;
import dev.audience.segment.lang.Value;
import dev.audience.segment.lang.Window;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Compiles a profile condition into a query over the state store's {@code profiles} table (SQLite
 * embedded, PostgreSQL in a cluster). Built-in fields are columns; attributes are read out of the JSON
 * {@code attributes} column with their type checked; times are epoch milliseconds.
 */
public final class ProfileSqlCompiler {
    private final Dialect dialect;

    public ProfileSqlCompiler(Dialect dialect) {
        if (dialect == Dialect.DUCKDB) throw new IllegalArgumentException("DuckDB holds no profiles");
        this.dialect = dialect;
    }

    /** The ordinals of the profiles that match. */
    public SqlQuery compile(ProfileMatch m, Instant now) {
        List<Object> params = new ArrayList<>();
        String where = condition(m, now, params);
        return new SqlQuery("SELECT ordinal FROM profiles WHERE " + where, params);
    }

    /** 1 when the profile with this ordinal matches, else 0 (for explanations). */
    public SqlQuery matchesOne(ProfileMatch m, Instant now, int ordinal) {
        List<Object> params = new ArrayList<>();
        String where = condition(m, now, params);
        params.add(ordinal);
        return new SqlQuery("SELECT count(*) FROM profiles WHERE " + where + " AND ordinal = ?", params);
    }

    private String condition(ProfileMatch m, Instant now, List<Object> params) {
        String name = m.field().name();
        if (!m.field().attribute()) {
            String column = switch (name) {
                case "user_id", "email", "email_status", "timezone", "locale", "created_at", "updated_at" -> name;
                default -> throw new IllegalArgumentException("unknown built-in field " + name);
            };
            if (m.op() == Op.WITHIN) return window(column, m.window(), now, params);
            boolean time = m.field().isTime();
            List<Object> values = m.values().stream().map(v -> time ? millis(v) : text(v)).toList();
            return Comparisons.render(column, m.op(), values, dialect, params);
        }
        if (m.op() == Op.IS_SET || m.op() == Op.IS_NOT_SET) {
            SqlQuery present = JsonReads.present(dialect, "attributes", name);
            params.addAll(present.params());
            return (m.op() == Op.IS_SET ? "" : "NOT ") + "(" + present.sql() + ")";
        }
        PropertyType type = PropertyType.of(m.op(), m.values());
        SqlQuery read = JsonReads.typed(dialect, "attributes", name, type);
        params.addAll(read.params());
        List<Object> values = m.values().stream().map(v -> attributeParam(v, type)).toList();
        return Comparisons.render(read.sql(), m.op(), values, dialect, params);
    }

    private static String window(String column, Window w, Instant now, List<Object> params) {
        return switch (w) {
            case Window.Ever e -> column + " IS NOT NULL";
            case Window.Last l -> {
                params.add(now.minusSeconds(l.amount() * l.unit().seconds()).toEpochMilli());
                params.add(now.toEpochMilli());
                yield column + " >= ? AND " + column + " <= ?";
            }
            case Window.Between b -> {
                params.add(b.from().toEpochMilli());
                params.add(b.to().toEpochMilli());
                yield column + " >= ? AND " + column + " < ?";
            }
        };
    }

    private static Object millis(Value v) {
        return switch (v) {
            case Value.Time t -> t.value().toEpochMilli();
            case Value.Number n -> n.value().longValue();
            case Value.Text t -> Instant.parse(t.value()).toEpochMilli();
            case Value.Bool b -> throw new IllegalArgumentException("a time field compared with a boolean");
        };
    }

    private static Object text(Value v) {
        return switch (v) {
            case Value.Text t -> t.value();
            case Value.Number n -> n.value().toPlainString();
            case Value.Bool b -> String.valueOf(b.value());
            case Value.Time t -> t.value().toString();
        };
    }

    private static Object attributeParam(Value v, PropertyType type) {
        return switch (v) {
            case Value.Text t -> type == PropertyType.STRING ? t.value() : null;
            case Value.Number n -> type == PropertyType.NUMBER ? n.value().doubleValue() : n.value().toPlainString();
            case Value.Bool b -> type == PropertyType.BOOLEAN ? (Object) b.value() : String.valueOf(b.value());
            case Value.Time t -> t.value().toString();
        };
    }
}
