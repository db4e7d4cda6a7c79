package io.hearth.tenancy;

import io.hearth.kit.data.Rows;
import io.micronaut.data.exceptions.DataAccessException;
import io.micronaut.data.jdbc.runtime.JdbcOperations;
import jakarta.inject.Singleton;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Reads of the tenant in scope over plain JDBC ({@link Rows}), for the few reads every signed-in request makes, where
 * Micronaut Data's row mapping costs more than the query. Each statement runs on the connection of the transaction
 * in progress (or one of its own), in the schema the directory recorded for the tenant in scope, set on the
 * connection before the statement, as Micronaut Data does; without a tenant in scope it refuses. Failures come out
 * as Micronaut Data's {@link DataAccessException}, with the SQLException as the cause.
 */
@Singleton
public final class TenantSql {

    private final JdbcOperations jdbc;

    public TenantSql(JdbcOperations jdbc) {
        this.jdbc = jdbc;
    }

    @FunctionalInterface
    private interface Read<T> {
        T on(Connection connection) throws SQLException;
    }

    public <R extends Record> List<R> list(String sql, Class<R> type, Object... parameters) {
        return read(sql, connection -> Rows.list(connection, sql, type, parameters));
    }

    public <R extends Record> Optional<R> first(String sql, Class<R> type, Object... parameters) {
        return read(sql, connection -> Rows.first(connection, sql, type, parameters));
    }

    public long number(String sql, Object... parameters) {
        return read(sql, connection -> Rows.number(connection, sql, parameters));
    }

    public List<UUID> uuids(String sql, Object... parameters) {
        return read(sql, connection -> Rows.uuids(connection, sql, parameters));
    }

    private <T> T read(String sql, Read<T> read) {
        String schema = TenantScope.require().schemaName();
        return jdbc.execute(connection -> {
            try {
                connection.setSchema(schema);
                return read.on(connection);
            } catch (SQLException e) {
                throw new DataAccessException("Error executing SQL query [" + sql + "]: " + e.getMessage(), e);
            }
        });
    }
}
