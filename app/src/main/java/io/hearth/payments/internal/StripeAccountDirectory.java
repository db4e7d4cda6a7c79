package io.hearth.payments.internal;

import io.hearth.tenancy.TenantId;
import io.micronaut.data.exceptions.DataAccessException;
import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Singleton;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Optional;
import java.util.UUID;

/**
 * Connected account -> organisation, in app's shared schema: a Connect webhook names only the account, and is
 * read with no tenant in scope. Plain JDBC with schema-qualified names, as the tenant directory (Micronaut Data's
 * schema-per-tenant mode would refuse a query without a tenant).
 */
@Singleton
public class StripeAccountDirectory {

    private final TransactionOperations<Connection> tx;
    /** The table is platform-wide: it lives on the home cluster, whichever organisation's work reads it. */
    private final io.hearth.tenancy.DatabaseClusters clusters;

    public StripeAccountDirectory(TransactionOperations<Connection> tx, io.hearth.tenancy.DatabaseClusters clusters) {
        this.tx = tx;
        this.clusters = clusters;
    }

    /** The organisation of the account in this mode, if it is one of ours. */
    public Optional<TenantId> tenantOf(String accountId, boolean livemode) {
        return clusters.onHome(() -> tx.executeRead(status -> {
            try (PreparedStatement statement = status.getConnection()
                    .prepareStatement("select tenant_id from public.stripe_accounts where account_id = ? and livemode = ?")) {
                statement.setString(1, accountId);
                statement.setBoolean(2, livemode);
                try (ResultSet rows = statement.executeQuery()) {
                    return rows.next() ? Optional.of(new TenantId(rows.getObject(1, UUID.class))) : Optional.empty();
                }
            } catch (SQLException e) {
                throw new DataAccessException("could not look up a Stripe account", e);
            }
        }));
    }

    public void record(String accountId, TenantId tenant, boolean livemode) {
        clusters.onHome(() -> tx.executeWrite(status -> {
            try (PreparedStatement statement = status.getConnection().prepareStatement(
                    "insert into public.stripe_accounts (account_id, tenant_id, livemode) values (?, ?, ?) on conflict (account_id) do nothing")) {
                statement.setString(1, accountId);
                statement.setObject(2, tenant.value());
                statement.setBoolean(3, livemode);
                statement.executeUpdate();
                return null;
            } catch (SQLException e) {
                throw new DataAccessException("could not record a Stripe account", e);
            }
        }));
    }
}
