package io.hearth.messaging.internal;

import io.hearth.tenancy.TenantId;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.exceptions.DataAccessException;
import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Singleton;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

/**
 * Organisation -> its own texting number, in app's shared schema: written from tenant-admin's events with no tenant in
 * scope. Plain JDBC with schema-qualified names, as the tenant directory.
 */
@Singleton
public class SendingNumberTable {

    private final TransactionOperations<Connection> tx;
    /** The table is platform-wide: it lives on the home cluster, whichever organisation's work reads it. */
    private final io.hearth.tenancy.DatabaseClusters clusters;

    public SendingNumberTable(TransactionOperations<Connection> tx, io.hearth.tenancy.DatabaseClusters clusters) {
        this.tx = tx;
        this.clusters = clusters;
    }

    public Optional<String> of(TenantId tenant) {
        return clusters.onHome(() -> tx.executeRead(status -> {
            try (PreparedStatement statement = status.getConnection().prepareStatement("select number from public.sending_numbers where tenant_id = ?")) {
                statement.setObject(1, tenant.value());
                try (ResultSet rows = statement.executeQuery()) {
                    return rows.next() ? Optional.ofNullable(rows.getString(1)) : Optional.empty();
                }
            } catch (SQLException e) {
                throw new DataAccessException("could not read an organisation's texting number", e);
            }
        }));
    }

    /** Every organisation that has a number of its own. */
    public java.util.Set<TenantId> withOwnNumber() {
        return clusters.onHome(() -> tx.executeRead(status -> {
            try (PreparedStatement statement = status.getConnection().prepareStatement("select tenant_id from public.sending_numbers where number is not null");
                 ResultSet rows = statement.executeQuery()) {
                java.util.Set<TenantId> owners = new java.util.HashSet<>();
                while (rows.next()) {
                    owners.add(new TenantId(rows.getObject(1, UUID.class)));
                }
                return owners;
            } catch (SQLException e) {
                throw new DataAccessException("could not read the texting numbers", e);
            }
        }));
    }

    /** The organisation that texts from this number, if one does. */
    public Optional<TenantId> owner(String number) {
        return clusters.onHome(() -> tx.executeRead(status -> {
            try (PreparedStatement statement = status.getConnection().prepareStatement("select tenant_id from public.sending_numbers where number = ?")) {
                statement.setString(1, number);
                try (ResultSet rows = statement.executeQuery()) {
                    return rows.next() ? Optional.of(new TenantId(rows.getObject(1, UUID.class))) : Optional.empty();
                }
            } catch (SQLException e) {
                throw new DataAccessException("could not read the texting numbers", e);
            }
        }));
    }

    /**
     * Records its number (null: the shared one) unless a newer decision is recorded already. A number another
     * organisation held is taken from it in the same transaction (tenant-admin moved it; its own event may come later).
     */
    public void record(TenantId tenant, @Nullable String number, Instant asOf) {
        clusters.onHome(() -> tx.executeWrite(status -> {
            Connection connection = status.getConnection();
            try {
                if (number != null) {
                    try (PreparedStatement release = connection.prepareStatement(
                            "update public.sending_numbers set number = null where number = ? and tenant_id <> ? and as_of <= ?")) {
                        release.setString(1, number);
                        release.setObject(2, tenant.value());
                        release.setTimestamp(3, Timestamp.from(asOf));
                        release.executeUpdate();
                    }
                }
                try (PreparedStatement statement = connection.prepareStatement(
                        "insert into public.sending_numbers (tenant_id, number, as_of) values (?, ?, ?) "
                                + "on conflict (tenant_id) do update set number = excluded.number, as_of = excluded.as_of "
                                + "where sending_numbers.as_of <= excluded.as_of")) {
                    statement.setObject(1, tenant.value());
                    statement.setString(2, number);
                    statement.setTimestamp(3, Timestamp.from(asOf));
                    statement.executeUpdate();
                }
                return null;
            } catch (SQLException e) {
                throw new DataAccessException("could not record an organisation's texting number", e);
            }
        }));
    }
}
