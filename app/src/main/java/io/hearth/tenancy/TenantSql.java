package io.hearth.tenancy;

import io.micronaut.data.exceptions.DataAccessException;
import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Singleton;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;

/**
 * Plain SQL in the schema of the tenant in scope, in one transaction of the default datasource: for work that
 * needs row locks or several statements together (events appended to the outbox in the same transaction join it).
 * The schema comes from {@link TenantScope}, never from the caller: with no tenant in scope nothing runs.
 */
@Singleton
public class TenantSql {

    private final TransactionOperations<Connection> tx;

    public TenantSql(TransactionOperations<Connection> tx) {
        this.tx = tx;
    }

    public <T> T write(Function<Sql, T> work) {
        Tenant tenant = TenantScope.require();
        return tx.executeWrite(status -> work.apply(Sql.on(status.getConnection(), tenant)));
    }

    public <T> T read(Function<Sql, T> work) {
        Tenant tenant = TenantScope.require();
        return tx.executeRead(status -> work.apply(Sql.on(status.getConnection(), tenant)));
    }

    /** Maps the current row of a result set. */
    @FunctionalInterface
    public interface Row<T> {
        T map(ResultSet rs) throws SQLException;
    }

    /** Statements on one connection, in the tenant's schema. */
    public static final class Sql {
        private final Connection connection;

        private Sql(Connection connection) {
            this.connection = connection;
        }

        static Sql on(Connection connection, Tenant tenant) {
            try {
                if (!tenant.schemaName().equals(connection.getSchema())) {
                    connection.setSchema(tenant.schemaName());
                }
            } catch (SQLException e) {
                throw new DataAccessException("could not enter the tenant's schema", e);
            }
            return new Sql(connection);
        }

        public int update(String sql, Object... parameters) {
            try (PreparedStatement statement = prepare(sql, parameters)) {
                return statement.executeUpdate();
            } catch (SQLException e) {
                throw new DataAccessException("statement failed: " + firstLine(sql), e);
            }
        }

        public <T> List<T> list(String sql, Row<T> row, Object... parameters) {
            try (PreparedStatement statement = prepare(sql, parameters); ResultSet rs = statement.executeQuery()) {
                List<T> rows = new ArrayList<>();
                while (rs.next()) {
                    rows.add(row.map(rs));
                }
                return rows;
            } catch (SQLException e) {
                throw new DataAccessException("query failed: " + firstLine(sql), e);
            }
        }

        public <T> Optional<T> one(String sql, Row<T> row, Object... parameters) {
            List<T> rows = list(sql, row, parameters);
            return rows.isEmpty() ? Optional.empty() : Optional.ofNullable(rows.get(0));
        }

        public long count(String sql, Object... parameters) {
            return one(sql, rs -> rs.getLong(1), parameters).orElse(0L);
        }

        private PreparedStatement prepare(String sql, Object... parameters) throws SQLException {
            PreparedStatement statement = connection.prepareStatement(sql);
            for (int i = 0; i < parameters.length; i++) {
                Object value = parameters[i];
                if (value instanceof Instant instant) {
                    statement.setTimestamp(i + 1, Timestamp.from(instant));
                } else if (value instanceof LocalDateTime local) {
                    statement.setTimestamp(i + 1, Timestamp.valueOf(local));
                } else if (value instanceof LocalDate date) {
                    statement.setObject(i + 1, date);
                } else if (value instanceof UUID[] ids) {
                    statement.setArray(i + 1, connection.createArrayOf("uuid", ids));
                } else if (value instanceof Enum<?> e) {
                    statement.setString(i + 1, e.name());
                } else {
                    statement.setObject(i + 1, value);
                }
            }
            return statement;
        }

        private static String firstLine(String sql) {
            String trimmed = sql.strip();
            int newline = trimmed.indexOf('\n');
            return newline < 0 ? trimmed : trimmed.substring(0, newline);
        }
    }

    /** The parameters of a filter followed by more (a page's limit and offset). */
    public static Object[] concat(Object[] values, Object... more) {
        Object[] all = new Object[values.length + more.length];
        System.arraycopy(values, 0, all, 0, values.length);
        System.arraycopy(more, 0, all, values.length, more.length);
        return all;
    }

    /** An instant column, or null. */
    public static Instant instant(ResultSet rs, String column) throws SQLException {
        Timestamp value = rs.getTimestamp(column);
        return value == null ? null : value.toInstant();
    }
}
