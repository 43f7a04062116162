package dev.audience.storage;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class NamedQueriesTest {
    @Test
    void queriesAreSplitByNameWithoutTheirComments() {
        NamedQueries q = NamedQueries.load("sql/sqlite/profiles.sql");
        assertThat(q.get("count")).isEqualTo("SELECT count(*) FROM profiles");
        assertThat(q.get("insert")).startsWith("INSERT INTO profiles").doesNotContain("--").doesNotEndWith(";");
        assertThatThrownBy(() -> q.get("no-such-query")).hasMessageContaining("no-such-query")
                .hasMessageContaining("sql/sqlite/profiles.sql");
    }

    @Test
    void aMissingFileFailsAtLoad() {
        assertThatThrownBy(() -> NamedQueries.load("sql/none.sql")).hasMessageContaining("sql/none.sql");
    }
}
