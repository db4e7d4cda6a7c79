package io.hearth.payments.internal;

import io.hearth.tenancy.TenantId;
import io.micronaut.data.exceptions.DataAccessException;
import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Singleton;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Optional;

/**
 * Organisation -> platform fee, in app's shared schema: written from tenant-admin's events with no tenant in
 * scope. Plain JDBC with schema-qualified names, as the tenant directory.
 */
@Singleton
public class TenantFeeTable {

    /** The fee's two parts. */
    public record Fee(BigDecimal percent, long fixedCents) {
    }

    private final TransactionOperations<Connection> tx;
    /** The table is platform-wide: it lives on the home cluster, whichever organisation's work reads it. */
    private final io.hearth.tenancy.DatabaseClusters clusters;

    public TenantFeeTable(TransactionOperations<Connection> tx, io.hearth.tenancy.DatabaseClusters clusters) {
        this.tx = tx;
        this.clusters = clusters;
    }

    public Optional<Fee> of(TenantId tenant) {
        return clusters.onHome(() -> tx.executeRead(status -> {
            try (PreparedStatement statement = status.getConnection()
                    .prepareStatement("select fee_percent, fee_fixed_cents from public.tenant_fees where tenant_id = ?")) {
                statement.setObject(1, tenant.value());
                try (ResultSet rows = statement.executeQuery()) {
                    return rows.next() ? Optional.of(new Fee(rows.getBigDecimal(1), rows.getLong(2))) : Optional.empty();
                }
            } catch (SQLException e) {
                throw new DataAccessException("could not read an organisation's fee", e);
            }
        }));
    }

    /** Records the fee unless a newer one is recorded already. */
    public void record(TenantId tenant, String plan, BigDecimal percent, long fixedCents, Instant asOf) {
        clusters.onHome(() -> tx.executeWrite(status -> {
            try (PreparedStatement statement = status.getConnection().prepareStatement(
                    "insert into public.tenant_fees (tenant_id, plan, fee_percent, fee_fixed_cents, as_of) values (?, ?, ?, ?, ?) "
                            + "on conflict (tenant_id) do update set plan = excluded.plan, fee_percent = excluded.fee_percent, "
                            + "fee_fixed_cents = excluded.fee_fixed_cents, as_of = excluded.as_of where tenant_fees.as_of <= excluded.as_of")) {
                statement.setObject(1, tenant.value());
                statement.setString(2, plan);
                statement.setBigDecimal(3, percent);
                statement.setLong(4, fixedCents);
                statement.setTimestamp(5, Timestamp.from(asOf));
                statement.executeUpdate();
                return null;
            } catch (SQLException e) {
                throw new DataAccessException("could not record an organisation's fee", e);
            }
        }));
    }
}
