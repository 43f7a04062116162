package dev.audience.segment.sql;

import dev.audience.segment.lang.Condition.Did;
import dev.audience.segment.lang.Count;
import dev.audience.segment.lang.Op;
import dev.audience.segment.lang.PropertyFilter;
import dev.audience.segment.lang.Value;
import dev.audience.segment.lang.Window;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Compiles a "did" condition into one parameterised query over the {@code events} table that yields the
 * ordinals of the users who match. Properties with a promoted column are read from it; others are read
 * out of the JSON (slower, used by previews before a segment is saved).
 */
public final class EventSqlCompiler {
    private final Dialect dialect;

    public EventSqlCompiler(Dialect dialect) {
        if (dialect == Dialect.SQLITE) throw new IllegalArgumentException("SQLite holds no events");
        this.dialect = dialect;
    }

    /**
     * How to get the users of a did condition: run {@code query}; when {@code complement}, the answer is
     * every live profile except those ordinals (counts that include zero: "at most 2 times").
     */
    public record Plan(SqlQuery query, boolean complement) {}

    public Plan compile(Did did, Instant now, Map<PropertyColumn, String> promoted) {
        Count c = did.count();
        List<Object> params = new ArrayList<>();
        String where = where(did, now, promoted, params);
        if (c.min() == 0) {
            // Users with more than max events are the ones to exclude; everyone else matches (zero included).
            params.add(c.max() + 1);
            return new Plan(new SqlQuery("SELECT ordinal FROM events WHERE " + where
                    + " GROUP BY ordinal HAVING count(*) >= ?", params), true);
        }
        if (c.min() == 1 && c.max() < 0) {
            return new Plan(new SqlQuery("SELECT DISTINCT ordinal FROM events WHERE " + where, params), false);
        }
        params.add(c.min());
        String having = "count(*) >= ?";
        if (c.max() >= 0) {
            having += " AND count(*) <= ?";
            params.add(c.max());
        }
        return new Plan(new SqlQuery("SELECT ordinal FROM events WHERE " + where + " GROUP BY ordinal HAVING " + having,
                params), false);
    }

    /** How many matching events one user has in the window (for explanations). */
    public SqlQuery countFor(Did did, int ordinal, Instant now, Map<PropertyColumn, String> promoted) {
        List<Object> params = new ArrayList<>();
        String where = where(did, now, promoted, params);
        params.add(ordinal);
        return new SqlQuery("SELECT count(*) FROM events WHERE " + where + " AND ordinal = ?", params);
    }

    private String where(Did did, Instant now, Map<PropertyColumn, String> promoted, List<Object> params) {
        StringBuilder sql = new StringBuilder("name = ?");
        params.add(did.event());
        switch (did.window()) {
            case Window.Ever e -> { }
            case Window.Last l -> {
                // "the last N days before now": events dated in the future (a fast client clock) do not count
                sql.append(" AND ts >= ").append(dialect.eventTimePlaceholder())
                        .append(" AND ts <= ").append(dialect.eventTimePlaceholder());
                params.add(dialect.eventTimeParam(now.minusSeconds(l.amount() * l.unit().seconds())));
                params.add(dialect.eventTimeParam(now));
            }
            case Window.Between b -> {
                sql.append(" AND ts >= ").append(dialect.eventTimePlaceholder())
                        .append(" AND ts < ").append(dialect.eventTimePlaceholder());
                params.add(dialect.eventTimeParam(b.from()));
                params.add(dialect.eventTimeParam(b.to()));
            }
        }
        for (PropertyFilter f : did.where()) {
            sql.append(" AND ").append(filter(f, promoted, params));
        }
        return sql.toString();
    }

    private String filter(PropertyFilter f, Map<PropertyColumn, String> promoted, List<Object> params) {
        if (f.op() == Op.IS_SET || f.op() == Op.IS_NOT_SET) {
            SqlQuery present = JsonReads.present(dialect, "properties", f.property());
            params.addAll(present.params());
            return (f.op() == Op.IS_SET ? "" : "NOT ") + "(" + present.sql() + ")";
        }
        PropertyType type = PropertyType.of(f.op(), f.values());
        PropertyColumn key = new PropertyColumn(f.property(), type);
        String column = promoted.get(key);
        String expr;
        if (column != null) {
            expr = column;
        } else {
            SqlQuery read = extraction(key);
            params.addAll(read.params());
            expr = read.sql();
        }
        return Comparisons.render(expr, f.op(), f.values().stream().map(v -> param(v, type)).toList(), dialect, params);
    }

    /**
     * The expression that reads a property as a type out of the JSON {@code properties} column, with its
     * JSON path or key as parameters: used by filters on properties not yet promoted, and to fill promoted columns.
     */
    public SqlQuery extraction(PropertyColumn c) {
        return extraction(c, "properties");
    }

    /** The same, reading the JSON from another column reference (e.g. a staging table's {@code s.properties}). */
    public SqlQuery extraction(PropertyColumn c, String propertiesColumn) {
        return JsonReads.typed(dialect, propertiesColumn, c.property(), c.type());
    }

    private static Object param(Value v, PropertyType type) {
        return switch (v) {
            case Value.Text t -> type == PropertyType.NUMBER ? numberOrNull(t.value()) : t.value();
            case Value.Number n -> type == PropertyType.STRING ? n.value().toPlainString() : n.value().doubleValue();
            case Value.Bool b -> type == PropertyType.STRING ? String.valueOf(b.value()) : b.value();
            case Value.Time t -> t.value().toString();
        };
    }

    private static Object numberOrNull(String s) {
        try {
            return new BigDecimal(s).doubleValue();
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
