package dev.audience.segment.sql;

import java.util.List;

/**
 * Reading one top-level member of a JSON column, per dialect, with the member's path or key bound as a
 * parameter. A typed read yields NULL unless the member has that JSON type, so "plan = 5" never matches
 * the string "5", and every dialect agrees.
 */
final class JsonReads {
    private JsonReads() {}

    static SqlQuery typed(Dialect d, String column, String member, PropertyType type) {
        return switch (d) {
            case DUCKDB -> {
                String p = Dialect.jsonPath(member);
                yield switch (type) {
                    case STRING -> q("(CASE WHEN json_type(" + column + ", ?) = 'VARCHAR' THEN json_extract_string(" + column + ", ?) END)", p);
                    case NUMBER -> q("(CASE WHEN json_type(" + column + ", ?) IN ('BIGINT', 'UBIGINT', 'DOUBLE') "
                            + "THEN CAST(json_extract(" + column + ", ?) AS DOUBLE) END)", p);
                    case BOOLEAN -> q("(CASE WHEN json_type(" + column + ", ?) = 'BOOLEAN' "
                            + "THEN CAST(json_extract(" + column + ", ?) AS BOOLEAN) END)", p);
                };
            }
            case POSTGRES -> {
                String typeName = switch (type) {
                    case STRING -> "string";
                    case NUMBER -> "number";
                    case BOOLEAN -> "boolean";
                };
                String cast = switch (type) {
                    case STRING -> "";
                    case NUMBER -> " AS double precision";
                    case BOOLEAN -> " AS boolean";
                };
                String read = column + " ->> CAST(? AS text)";
                yield q("(CASE WHEN jsonb_typeof(" + column + " -> CAST(? AS text)) = '" + typeName + "' THEN "
                        + (cast.isEmpty() ? read : "CAST(" + read + cast + ")") + " END)", member);
            }
            case SQLITE -> {
                String p = Dialect.jsonPath(member);
                String types = switch (type) {
                    case STRING -> "('text')";
                    case NUMBER -> "('integer', 'real')";
                    case BOOLEAN -> "('true', 'false')";
                };
                yield q("(CASE WHEN json_type(" + column + ", ?) IN " + types + " THEN json_extract(" + column + ", ?) END)", p);
            }
        };
    }

    /** True when the member is there with a non-null value. */
    static SqlQuery present(Dialect d, String column, String member) {
        return switch (d) {
            case DUCKDB -> new SqlQuery("coalesce(json_type(" + column + ", ?), 'NULL') <> 'NULL'",
                    List.of(Dialect.jsonPath(member)));
            case POSTGRES -> new SqlQuery("coalesce(jsonb_typeof(" + column + " -> CAST(? AS text)), 'null') <> 'null'",
                    List.of(member));
            case SQLITE -> new SqlQuery("coalesce(json_type(" + column + ", ?), 'null') <> 'null'",
                    List.of(Dialect.jsonPath(member)));
        };
    }

    /** Both placeholders of a typed read take the same path. */
    private static SqlQuery q(String sql, String path) {
        return new SqlQuery(sql, List.of(path, path));
    }
}
