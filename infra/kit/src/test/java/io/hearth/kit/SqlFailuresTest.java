package io.hearth.kit;

import org.junit.jupiter.api.Test;

import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;

import static org.assertj.core.api.Assertions.assertThat;

class SqlFailuresTest {

    @Test
    void aDatabaseOutOfReachIsUnavailableWhateverWrapsIt() {
        assertThat(SqlFailures.isUnavailable(new RuntimeException("wrapped",
                new SQLTransientConnectionException("HikariPool-1 - Connection is not available, request timed out after 1000ms")))).isTrue();
        assertThat(SqlFailures.isUnavailable(new RuntimeException(new SQLException("Connection refused", "08001")))).isTrue();
        assertThat(SqlFailures.isUnavailable(new SQLException("terminating connection due to administrator command", "57P01"))).isTrue();
        assertThat(SqlFailures.isUnavailable(new SQLException("the database system is starting up", "57P03"))).isTrue();
        // What a request got while PostgreSQL restarted: Micronaut could not set a connection the pool had closed read-only.
        assertThat(SqlFailures.isUnavailable(new RuntimeException("Could not set JDBC Connection read-only: Connection is closed",
                new SQLException("Connection is closed")))).isTrue();
    }

    @Test
    void aStatementTheDatabaseRefusedIsNotUnavailable() {
        assertThat(SqlFailures.isUnavailable(new SQLException("duplicate key", "23505"))).isFalse();
        assertThat(SqlFailures.isUnavailable(new SQLException("syntax error", "42601"))).isFalse();
        assertThat(SqlFailures.isUnavailable(new IllegalStateException("boom"))).isFalse();
        assertThat(SqlFailures.isUnavailable(new SQLException("Connection is closed", "42000"))).isFalse();
        assertThat(SqlFailures.isUniqueViolation(new RuntimeException(new SQLException("duplicate key", "23505")))).isTrue();
    }
}
