package io.hearth.tenancy.internal;

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
 * Plain-JDBC reads ({@link Rows}) in a given schema, on the connection of the transaction in progress (or one of its
 * own): the schema is set on the connection before the statement, as Micronaut Data does. Failures come out as
 * Micronaut Data's {@link DataAccessException}, with the SQLException as the cause. Only {@code TenantSql} calls it,
 * with the schema of the tenant in scope.
 */
@Singleton
public class SchemaReads {

    private final JdbcOperations jdbc;

    public SchemaReads(JdbcOperations jdbc) {
        this.jdbc = jdbc;
    }

    @FunctionalInterface
    private interface Read<T> {
        T on(Connection connection) throws SQLException;
    }

    public <R extends Record> List<R> list(String schema, String sql, Class<R> type, Object... parameters) {
        return read(schema, sql, connection -> Rows.list(connection, sql, type, parameters));
    }

    public <R extends Record> Optional<R> first(String schema, String sql, Class<R> type, Object... parameters) {
        return read(schema, sql, connection -> Rows.first(connection, sql, type, parameters));
    }

    public long number(String schema, String sql, Object... parameters) {
        return read(schema, sql, connection -> Rows.number(connection, sql, parameters));
    }

    public List<UUID> uuids(String schema, String sql, Object... parameters) {
        return read(schema, sql, connection -> Rows.uuids(connection, sql, parameters));
    }

    private <T> T read(String schema, String sql, Read<T> read) {
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
