package io.hearth.tenancy;

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
 * The tenant directory in app's shared schema. Plain JDBC with schema-qualified names on purpose: Micronaut
 * Data switches every repository to the tenant's schema, and the directory belongs to no tenant.
 */
@Singleton
public class TenantDirectory {

    private static final String COLUMNS = "id, slug, name, plan, admin_email, schema_name, db_cluster, status, migration_version, migration_error";

    private final TransactionOperations<Connection> tx;

    public TenantDirectory(TransactionOperations<Connection> tx) {
        this.tx = tx;
    }

    public Optional<Tenant> findBySlug(String slug) {
        return tx.executeRead(status -> queryOne(status.getConnection(),
                "select " + COLUMNS + " from public.tenants where slug = ?", slug));
    }

    public Optional<Tenant> findById(TenantId id) {
        return tx.executeRead(status -> queryOne(status.getConnection(),
                "select " + COLUMNS + " from public.tenants where id = ?", id.value()));
    }

    public List<Tenant> all() {
        return tx.executeRead(status -> {
            try (PreparedStatement statement = status.getConnection().prepareStatement(
                    "select " + COLUMNS + " from public.tenants order by created_at, id")) {
                return readAll(statement);
            } catch (SQLException e) {
                throw new DataAccessException("could not list tenants", e);
            }
        });
    }

    /** Adds a tenant in {@code PROVISIONING}; does nothing when the id is already there. Returns the stored tenant. */
    public Tenant register(TenantId id, String slug, String name, String plan, String adminEmail, String cluster) {
        return tx.executeWrite(status -> {
            Connection connection = status.getConnection();
            update(connection, "insert into public.tenants (id, slug, name, plan, admin_email, schema_name, db_cluster, status) "
                            + "values (?, ?, ?, ?, ?, ?, ?, 'PROVISIONING') on conflict (id) do nothing",
                    id.value(), slug, name, plan, adminEmail, id.schemaName(), cluster);
            return queryOne(connection, "select " + COLUMNS + " from public.tenants where id = ?", id.value())
                    .orElseThrow(() -> new IllegalStateException("tenant " + id + " vanished after insert"));
        });
    }

    public void changeStatus(TenantId id, TenantStatus newStatus) {
        tx.executeWrite(status -> update(status.getConnection(),
                "update public.tenants set status = ?, updated_at = now() where id = ?", newStatus.name(), id.value()));
    }

    public void recordMigration(TenantId id, String version) {
        tx.executeWrite(status -> update(status.getConnection(),
                "update public.tenants set migration_version = ?, migration_error = null, migrated_at = now(), updated_at = now() where id = ?",
                version, id.value()));
    }

    public void recordMigrationFailure(TenantId id, String error) {
        tx.executeWrite(status -> update(status.getConnection(),
                "update public.tenants set migration_error = ?, updated_at = now() where id = ?", error, id.value()));
    }

    private static Optional<Tenant> queryOne(Connection connection, String sql, Object parameter) {
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.setObject(1, parameter);
            List<Tenant> tenants = readAll(statement);
            return tenants.stream().findFirst();
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

    static int update(Connection connection, String sql, Object... parameters) {
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                statement.setObject(i + 1, parameters[i]);
            }
            return statement.executeUpdate();
        } catch (SQLException e) {
            throw new DataAccessException("could not update the tenant directory", e);
        }
    }
}
