package io.hearth.tenancy.internal;

import io.micronaut.json.JsonMapper;
import jakarta.inject.Singleton;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;

/**
 * {@link SchemaDumps} on a named cluster: each call opens a connection of its own to it (never a pooled one: a dump
 * is long, and what it sets on its session stays there), and turns SQL's failures into {@code IllegalStateException}s
 * that say what was being done.
 */
@Singleton
public class SchemaCopies {

    private final ClusterPools pools;
    private final JsonMapper json;

    public SchemaCopies(ClusterPools pools, JsonMapper json) {
        this.pools = pools;
        this.json = json;
    }

    public boolean exists(String cluster, String schema) {
        return on(cluster, "look for schema " + schema, connection -> SchemaDumps.exists(connection, schema));
    }

    public void drop(String cluster, String schema) {
        on(cluster, "drop schema " + schema, connection -> {
            SchemaDumps.drop(connection, schema);
            return null;
        });
    }

    public long sizeBytes(String cluster, String schema) {
        return on(cluster, "measure schema " + schema, connection -> SchemaDumps.sizeBytes(connection, schema));
    }

    public void freeze(String cluster, String schema, Duration wait) {
        on(cluster, "freeze schema " + schema, connection -> {
            SchemaDumps.freeze(connection, schema, wait);
            return null;
        });
    }

    public void thaw(String cluster, String schema) {
        on(cluster, "thaw schema " + schema, connection -> {
            SchemaDumps.thaw(connection, schema);
            return null;
        });
    }

    public void rename(String cluster, String schema, String to) {
        on(cluster, "rename schema " + schema + " to " + to, connection -> {
            SchemaDumps.rename(connection, schema, to);
            return null;
        });
    }

    /** Freezes the schema and renames it aside, and (staging not null) renames staging into its place: one transaction. */
    public void putAside(String cluster, String schema, String aside, String staging, Duration wait) {
        on(cluster, "put schema " + schema + " aside as " + aside, connection -> {
            SchemaDumps.putAside(connection, schema, aside, staging, wait);
            return null;
        });
    }

    public SchemaDumps.Manifest dump(String cluster, String schema, String version, Path file, boolean export) {
        return on(cluster, "dump schema " + schema, connection -> SchemaDumps.dump(connection, schema, version, file, json, export));
    }

    public void restore(String cluster, String schema, Path file) {
        on(cluster, "restore into schema " + schema, connection -> {
            SchemaDumps.restore(connection, schema, file, json);
            return null;
        });
    }

    private interface Work<T> {
        T run(Connection connection) throws SQLException;
    }

    private <T> T on(String cluster, String what, Work<T> work) {
        try (Connection connection = pools.open(cluster)) {
            return work.run(connection);
        } catch (SQLException e) {
            throw new IllegalStateException("could not " + what + " on " + cluster + ": " + e.getMessage(), e);
        }
    }
}
