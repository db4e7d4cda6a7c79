package io.hearth.tenancy;

import io.hearth.kit.data.Rows;
import io.hearth.tenancy.internal.SchemaReads;
import jakarta.inject.Singleton;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Reads of the tenant in scope over plain JDBC ({@link Rows}), for the few reads every signed-in request makes, where
 * Micronaut Data's row mapping costs more than the query. Each statement runs in the schema the directory recorded
 * for the tenant in scope ({@link SchemaReads} sets it on the connection); without a tenant in scope it refuses, as
 * the repositories do. Failures come out as Micronaut Data's {@code DataAccessException}.
 */
@Singleton
public final class TenantSql {

    private final SchemaReads reads;

    public TenantSql(SchemaReads reads) {
        this.reads = reads;
    }

    public <R extends Record> List<R> list(String sql, Class<R> type, Object... parameters) {
        return reads.list(schema(), sql, type, parameters);
    }

    public <R extends Record> Optional<R> first(String sql, Class<R> type, Object... parameters) {
        return reads.first(schema(), sql, type, parameters);
    }

    public long number(String sql, Object... parameters) {
        return reads.number(schema(), sql, parameters);
    }

    public List<UUID> uuids(String sql, Object... parameters) {
        return reads.uuids(schema(), sql, parameters);
    }

    private static String schema() {
        return TenantScope.require().schemaName();
    }
}
