package dev.audience.segment.sql;

import dev.audience.segment.lang.Op;

import java.util.List;
import java.util.StringJoiner;

/**
 * One comparison, the same for event properties and profile fields. "Not equal" and "not in" also
 * match where the value is missing: "plan != pro" includes users with no plan.
 */
final class Comparisons {
    private Comparisons() {}

    static String render(String expr, Op op, List<Object> values, Dialect dialect, List<Object> params) {
        return switch (op) {
            case EQ -> bind(expr + " = ?", values.get(0), params);
            case NE -> bind(dialect.distinctFrom(expr), values.get(0), params);
            case LT -> bind(expr + " < ?", values.get(0), params);
            case LE -> bind(expr + " <= ?", values.get(0), params);
            case GT -> bind(expr + " > ?", values.get(0), params);
            case GE -> bind(expr + " >= ?", values.get(0), params);
            case IN -> expr + " IN (" + placeholders(values, params) + ")";
            // expr appears once in every form: its own parameters (JSON paths) come before the values.
            case NOT_IN -> "NOT coalesce(" + expr + " IN (" + placeholders(values, params) + "), false)";
            case CONTAINS -> bind((dialect == Dialect.SQLITE ? "instr(" : "strpos(") + expr + ", ?) > 0", values.get(0), params);
            case STARTS_WITH -> {
                if (dialect == Dialect.SQLITE) {
                    params.add(values.get(0));
                    yield bind("substr(" + expr + ", 1, length(?)) = ?", values.get(0), params);
                }
                yield bind("starts_with(" + expr + ", ?)", values.get(0), params);
            }
            case IS_SET -> expr + " IS NOT NULL";
            case IS_NOT_SET -> expr + " IS NULL";
            case WITHIN -> throw new IllegalArgumentException("windows are compiled by the caller");
        };
    }

    private static String bind(String sql, Object value, List<Object> params) {
        params.add(value);
        return sql;
    }

    private static String placeholders(List<Object> values, List<Object> params) {
        StringJoiner j = new StringJoiner(", ");
        for (Object v : values) {
            j.add("?");
            params.add(v);
        }
        return j.toString();
    }
}
