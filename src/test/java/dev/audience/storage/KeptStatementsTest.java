package dev.audience.storage;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

import static org.assertj.core.api.Assertions.assertThat;

/** Statements kept per pooled connection: reused across borrows, never closed by the pool, re-prepared after a discard. */
class KeptStatementsTest {
    @TempDir
    Path dir;

    private HikariDataSource pool(int size) {
        HikariConfig c = new HikariConfig();
        c.setJdbcUrl("jdbc:sqlite:" + dir.resolve("kept.db").toAbsolutePath());
        c.setMaximumPoolSize(size);
        return new HikariDataSource(c);
    }

    private static int one(PreparedStatement ps, int value) throws SQLException {
        ps.setInt(1, value);
        try (ResultSet rs = ps.executeQuery()) {
            rs.next();
            return rs.getInt(1);
        }
    }

    @Test
    void aStatementOutlivesTheBorrowAndIsReusedOnTheSameConnection() throws Exception {
        KeptStatements kept = new KeptStatements();
        try (HikariDataSource pool = pool(1)) {
            PreparedStatement first;
            try (Connection c = pool.getConnection()) {
                first = kept.get(c, "SELECT ? + 1");
                assertThat(one(first, 1)).isEqualTo(2);
            } // back to the pool: the pool closes the statements made through its proxy, not this one
            assertThat(first.isClosed()).isFalse();
            try (Connection c = pool.getConnection()) {
                PreparedStatement again = kept.get(c, "SELECT ? + 1");
                assertThat(again).isSameAs(first);
                assertThat(one(again, 41)).isEqualTo(42);
                assertThat(kept.get(c, "SELECT ? * 2")).as("another statement").isNotSameAs(first);
            }
        }
    }

    @Test
    void aDiscardClosesTheConnectionsStatementsAndTheNextUsePreparesAfresh() throws Exception {
        KeptStatements kept = new KeptStatements();
        try (HikariDataSource pool = pool(1); Connection c = pool.getConnection()) {
            PreparedStatement first = kept.get(c, "SELECT ? + 1");
            kept.discard(c);
            assertThat(first.isClosed()).isTrue();
            assertThat(kept.connections()).isZero();
            PreparedStatement fresh = kept.get(c, "SELECT ? + 1");
            assertThat(fresh).isNotSameAs(first);
            assertThat(one(fresh, 2)).isEqualTo(3);
        }
    }

    @Test
    void statementsOfAClosedConnectionAreDroppedWhenAnotherConnectionComes() throws Exception {
        KeptStatements kept = new KeptStatements();
        try (HikariDataSource a = pool(1)) {
            try (Connection c = a.getConnection()) {
                kept.get(c, "SELECT ? + 1");
            }
        } // the pool closed its connection
        try (HikariDataSource b = pool(1); Connection c = b.getConnection()) {
            assertThat(one(kept.get(c, "SELECT ? + 1"), 4)).isEqualTo(5);
            assertThat(kept.connections()).as("only the open connection's").isEqualTo(1);
        }
    }
}
