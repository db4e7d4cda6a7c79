package io.hearth.tenancy.internal;

import io.hearth.tenancy.Tenant;
import io.hearth.tenancy.TenantId;
import io.hearth.tenancy.TenantStatus;
import io.micronaut.data.exceptions.DataAccessException;
import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Singleton;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * app's control tables in the shared {@code public} schema: the tenant directory and the events consumed. Plain
 * JDBC with schema-qualified names on purpose: they are read with no tenant in scope (resolving a host, consuming
 * Kafka), and Micronaut Data's schema-per-tenant mode sends every repository query to the tenant schema resolver,
 * which refuses without a tenant. Each statement joins the transaction in progress, or runs in one of its own.
 */
@Singleton
public class ControlTables {

    private static final String COLUMNS = "id, slug, name, plan, admin_email, schema_name, db_cluster, status, migration_version, migration_error";

    private final TransactionOperations<Connection> tx;

    public ControlTables(TransactionOperations<Connection> tx) {
        this.tx = tx;
    }

    public Optional<Tenant> tenantBySlug(String slug) {
        return tx.executeRead(status -> tenantBySlug(status.getConnection(), slug));
    }

    public Optional<Tenant> tenantById(TenantId id) {
        return tx.executeRead(status -> tenantById(status.getConnection(), id));
    }

    public List<Tenant> tenants() {
        return tx.executeRead(status -> tenants(status.getConnection()));
    }

    /** Adds a tenant in {@code PROVISIONING}; does nothing when the id is already there. Returns the stored tenant. */
    public Tenant register(TenantId id, String slug, String name, String plan, String adminEmail, String cluster) {
        return tx.executeWrite(status -> {
            insertTenant(status.getConnection(), id, slug, name, plan, adminEmail, cluster);
            return tenantById(status.getConnection(), id).orElseThrow(() -> new IllegalStateException("tenant " + id + " vanished after insert"));
        });
    }

    public void setStatus(TenantId id, TenantStatus status) {
        tx.executeWrite(s -> setStatus(s.getConnection(), id, status));
    }

    public void recordMigration(TenantId id, String version) {
        tx.executeWrite(status -> recordMigration(status.getConnection(), id, version));
    }

    public void recordMigrationFailure(TenantId id, String error) {
        tx.executeWrite(status -> recordMigrationFailure(status.getConnection(), id, error));
    }

    public java.util.Map<String, Long> schemasPerCluster() {
        return tx.executeRead(status -> {
            java.util.Map<String, Long> counts = new java.util.HashMap<>();
            try (PreparedStatement statement = status.getConnection().prepareStatement("select db_cluster, count(*) from public.tenants group by db_cluster");
                 ResultSet rs = statement.executeQuery()) {
                while (rs.next()) {
                    counts.put(rs.getString(1), rs.getLong(2));
                }
            } catch (SQLException e) {
                throw new DataAccessException("could not count schemas per cluster", e);
            }
            return counts;
        });
    }

    public void setCluster(TenantId id, String cluster) {
        tx.executeWrite(status -> update(status.getConnection(), "update public.tenants set db_cluster = ?, updated_at = now() where id = ?", cluster, id.value()));
    }

    public boolean isProcessed(UUID eventId) {
        return tx.executeRead(status -> isProcessed(status.getConnection(), eventId));
    }

    /** Records the event in the transaction in progress; false when it was recorded already. */
    public boolean recordProcessed(UUID eventId, String type) {
        return tx.executeWrite(status -> recordProcessed(status.getConnection(), eventId, type));
    }

    private static Optional<Tenant> tenantBySlug(Connection connection, String slug) {
        return queryOne(connection, "select " + COLUMNS + " from public.tenants where slug = ?", slug);
    }

    private static Optional<Tenant> tenantById(Connection connection, TenantId id) {
        return queryOne(connection, "select " + COLUMNS + " from public.tenants where id = ?", id.value());
    }

    private static List<Tenant> tenants(Connection connection) {
        try (PreparedStatement statement = connection.prepareStatement("select " + COLUMNS + " from public.tenants order by created_at, id")) {
            return readAll(statement);
        } catch (SQLException e) {
            throw new DataAccessException("could not list tenants", e);
        }
    }

    /** Adds a tenant in {@code PROVISIONING}; does nothing when the id is already there. */
    private static int insertTenant(Connection connection, TenantId id, String slug, String name, String plan, String adminEmail, String cluster) {
        return update(connection, "insert into public.tenants (id, slug, name, plan, admin_email, schema_name, db_cluster, status) "
                        + "values (?, ?, ?, ?, ?, ?, ?, 'PROVISIONING') on conflict (id) do nothing",
                id.value(), slug, name, plan, adminEmail, id.schemaName(), cluster);
    }

    private static int setStatus(Connection connection, TenantId id, TenantStatus status) {
        return update(connection, "update public.tenants set status = ?, updated_at = now() where id = ?", status.name(), id.value());
    }

    private static int recordMigration(Connection connection, TenantId id, String version) {
        return update(connection, "update public.tenants set migration_version = ?, migration_error = null, migrated_at = now(), updated_at = now() "
                + "where id = ?", version, id.value());
    }

    private static int recordMigrationFailure(Connection connection, TenantId id, String error) {
        return update(connection, "update public.tenants set migration_error = ?, updated_at = now() where id = ?", error, id.value());
    }

    private static boolean isProcessed(Connection connection, UUID eventId) {
        try (PreparedStatement statement = connection.prepareStatement("select 1 from public.processed_events where event_id = ?")) {
            statement.setObject(1, eventId);
            try (ResultSet rs = statement.executeQuery()) {
                return rs.next();
            }
        } catch (SQLException e) {
            throw new DataAccessException("could not read processed events", e);
        }
    }

    /** Records the event; false when it was recorded already. */
    private static boolean recordProcessed(Connection connection, UUID eventId, String type) {
        return update(connection, "insert into public.processed_events (event_id, event_type) values (?, ?) on conflict do nothing",
                eventId, type) == 1;
    }

    private static Optional<Tenant> queryOne(Connection connection, String sql, Object parameter) {
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.setObject(1, parameter);
            return readAll(statement).stream().findFirst();
        } catch (SQLException e) {
            throw new DataAccessException("could not read the tenant directory", e);
        }
    }

    private static List<Tenant> readAll(PreparedStatement statement) throws SQLException {
        List<Tenant> tenants = new ArrayList<>();
        try (ResultSet rs = statement.executeQuery()) {
            while (rs.next()) {
                tenants.add(new Tenant(new TenantId(rs.getObject("id", UUID.class)), rs.getString("slug"), rs.getString("name"),
                        rs.getString("plan"), rs.getString("admin_email"), rs.getString("schema_name"), rs.getString("db_cluster"),
                        TenantStatus.valueOf(rs.getString("status")), rs.getString("migration_version"), rs.getString("migration_error")));
            }
        }
        return tenants;
    }

    private static int update(Connection connection, String sql, Object... parameters) {
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                statement.setObject(i + 1, parameters[i]);
            }
            return statement.executeUpdate();
        } catch (SQLException e) {
            throw new DataAccessException("could not update the control tables", e);
        }
    }
}
