package dev.audience.segment.sql;

import java.util.List;

/** Parameterised SQL: user input is only ever in {@code params}, never in {@code sql}. */
public record SqlQuery(String sql, List<Object> params) {
    public SqlQuery {
        params = List.copyOf(params);
    }
}
