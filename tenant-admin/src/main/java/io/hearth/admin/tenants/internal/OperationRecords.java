package io.hearth.admin.tenants.internal;

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
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/** What operators asked of organisations' data and what app reported of it: plain JDBC over tenant-admin's tables. */
@Singleton
public class OperationRecords {

    public record Report(UUID tenantId, Instant reportedAt, String json) {
    }

    public record MoveRequest(@Nullable String cluster, @Nullable Instant at, @Nullable UUID id, @Nullable String failed, @Nullable Instant failedAt,
                              @Nullable UUID failedRequest) {
    }

    public record BackupRow(UUID id, UUID tenantId, @Nullable UUID requestedBy, Instant requestedAt, String state, @Nullable String detail,
                            @Nullable String schemaVersion, @Nullable Long sizeBytes, @Nullable Long rows, @Nullable Instant finishedAt,
                            @Nullable String location) {
    }

    private final TransactionOperations<Connection> tx;

    public OperationRecords(TransactionOperations<Connection> tx) {
        this.tx = tx;
    }

    /** Keeps the newest report of each organisation (an older one arriving late changes nothing). */
    public void saveReport(UUID tenant, Instant at, String json) {
        // An organisation this registry does not know (made in app alone, as a local run's demo) is not kept.
        update("insert into tenant_reports (tenant_id, reported_at, report) select id, ?, ?::jsonb from tenants where id = ? "
                + "on conflict (tenant_id) do update set reported_at = excluded.reported_at, report = excluded.report "
                + "where tenant_reports.reported_at <= excluded.reported_at",
                Timestamp.from(at), json, tenant);
    }

    public Map<UUID, Report> reports(Collection<UUID> tenants) {
        Map<UUID, Report> reports = new HashMap<>();
        if (tenants.isEmpty()) {
            return reports;
        }
        return tx.executeRead(status -> {
            try (PreparedStatement statement = status.getConnection().prepareStatement(
                    "select tenant_id, reported_at, report::text from tenant_reports where tenant_id = any(?)")) {
                statement.setArray(1, status.getConnection().createArrayOf("uuid", tenants.toArray()));
                try (ResultSet rs = statement.executeQuery()) {
                    while (rs.next()) {
                        UUID id = rs.getObject(1, UUID.class);
                        reports.put(id, new Report(id, rs.getTimestamp(2).toInstant(), rs.getString(3)));
                    }
                }
            } catch (SQLException e) {
                throw new DataAccessException("could not read reports", e);
            }
            return reports;
        });
    }

    public Map<UUID, MoveRequest> moveRequests(Collection<UUID> tenants) {
        Map<UUID, MoveRequest> requests = new HashMap<>();
        if (tenants.isEmpty()) {
            return requests;
        }
        return tx.executeRead(status -> {
            try (PreparedStatement statement = status.getConnection().prepareStatement(
                    "select id, move_requested_to, move_requested_at, move_request_id, operation_failed, operation_failed_at, operation_failed_request "
                            + "from tenants where id = any(?)")) {
                statement.setArray(1, status.getConnection().createArrayOf("uuid", tenants.toArray()));
                try (ResultSet rs = statement.executeQuery()) {
                    while (rs.next()) {
                        requests.put(rs.getObject(1, UUID.class), new MoveRequest(rs.getString(2), instant(rs.getTimestamp(3)),
                                rs.getObject(4, UUID.class), rs.getString(5), instant(rs.getTimestamp(6)), rs.getObject(7, UUID.class)));
                    }
                }
            } catch (SQLException e) {
                throw new DataAccessException("could not read move requests", e);
            }
            return requests;
        });
    }

    public void requestMove(UUID tenant, String cluster, UUID request) {
        update("update tenants set move_requested_to = ?, move_requested_at = now(), move_request_id = ?, operation_failed = null, "
                + "operation_failed_at = null, operation_failed_request = null where id = ?", cluster, request, tenant);
    }

    public void recordFailure(UUID tenant, String reason, @Nullable UUID request) {
        update("update tenants set operation_failed = ?, operation_failed_at = now(), operation_failed_request = ? where id = ?", reason, request, tenant);
    }

    public void requestBackup(UUID id, UUID tenant, @Nullable UUID operator) {
        update("insert into tenant_backups (id, tenant_id, requested_by, state) values (?, ?, ?, 'REQUESTED')", id, tenant, operator);
    }

    public void finishBackup(UUID id, UUID tenant, String state, @Nullable String detail, @Nullable String schemaVersion, @Nullable Long sizeBytes,
                             @Nullable Long rows, Instant finishedAt, @Nullable String location) {
        update("insert into tenant_backups (id, tenant_id, state, detail, schema_version, size_bytes, row_count, finished_at, location) "
                        + "select ?, id, ?, ?, ?, ?, ?, ?, ? from tenants where id = ? on conflict (id) do update set state = excluded.state, "
                        + "detail = excluded.detail, schema_version = excluded.schema_version, size_bytes = excluded.size_bytes, "
                        + "row_count = excluded.row_count, finished_at = excluded.finished_at, location = excluded.location",
                id, state, detail, schemaVersion, sizeBytes, rows, Timestamp.from(finishedAt), location, tenant);
    }

    public List<BackupRow> backups(UUID tenant) {
        return backupsWhere("tenant_id = ?", tenant);
    }

    public Optional<BackupRow> backup(UUID id) {
        return backupsWhere("id = ?", id).stream().findFirst();
    }

    public void sawClusters(Collection<String> names) {
        for (String name : names) {
            update("insert into clusters (name) values (?) on conflict (name) do update set seen_at = now()", name);
        }
    }

    /** Every cluster app named, with how many organisations each holds by the latest reports. */
    public Map<String, Long> clusters() {
        return tx.executeRead(status -> {
            Map<String, Long> clusters = new java.util.TreeMap<>();
            try (PreparedStatement statement = status.getConnection().prepareStatement(
                    "select c.name, (select count(*) from tenant_reports r where r.report ->> 'cluster' = c.name) from clusters c order by c.name");
                 ResultSet rs = statement.executeQuery()) {
                while (rs.next()) {
                    clusters.put(rs.getString(1), rs.getLong(2));
                }
            } catch (SQLException e) {
                throw new DataAccessException("could not read clusters", e);
            }
            return clusters;
        });
    }

    private List<BackupRow> backupsWhere(String condition, UUID parameter) {
        return tx.executeRead(status -> {
            List<BackupRow> rows = new ArrayList<>();
            try (PreparedStatement statement = status.getConnection().prepareStatement(
                    "select id, tenant_id, requested_by, requested_at, state, detail, schema_version, size_bytes, row_count, finished_at, "
                            + "location from tenant_backups where " + condition + " order by requested_at desc, id limit 200")) {
                statement.setObject(1, parameter);
                try (ResultSet rs = statement.executeQuery()) {
                    while (rs.next()) {
                        long size = rs.getLong(8);
                        Long sizeBytes = rs.wasNull() ? null : size;
                        long count = rs.getLong(9);
                        Long rowCount = rs.wasNull() ? null : count;
                        rows.add(new BackupRow(rs.getObject(1, UUID.class), rs.getObject(2, UUID.class), rs.getObject(3, UUID.class),
                                rs.getTimestamp(4).toInstant(), rs.getString(5), rs.getString(6), rs.getString(7), sizeBytes, rowCount,
                                instant(rs.getTimestamp(10)), rs.getString(11)));
                    }
                }
            } catch (SQLException e) {
                throw new DataAccessException("could not read backups", e);
            }
            return rows;
        });
    }

    private void update(String sql, Object... parameters) {
        tx.executeWrite(status -> {
            try (PreparedStatement statement = status.getConnection().prepareStatement(sql)) {
                for (int i = 0; i < parameters.length; i++) {
                    statement.setObject(i + 1, parameters[i]);
                }
                return statement.executeUpdate();
            } catch (SQLException e) {
                throw new DataAccessException("could not record an operation", e);
            }
        });
    }

    private static @Nullable Instant instant(@Nullable Timestamp timestamp) {
        return timestamp == null ? null : timestamp.toInstant();
    }
}
