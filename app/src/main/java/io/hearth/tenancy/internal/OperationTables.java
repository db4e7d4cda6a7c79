package io.hearth.tenancy.internal;

import io.hearth.kit.data.Rows;
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
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * The records of operating an organisation's schema on the home cluster: its move (columns of the directory), its
 * backups and its restore rehearsals. Plain JDBC, as {@link ControlTables}: read with no organisation in scope.
 */
@Singleton
public class OperationTables {

    /** A move as the directory records it; every field null when the organisation never moved. */
    public record Move(@Nullable String target, @Nullable String state, @Nullable String detail, @Nullable Instant startedAt,
                       @Nullable Instant finishedAt, @Nullable Long pausedMillis, @Nullable String oldCluster, @Nullable UUID requestId) {
    }

    public record Backup(UUID id, UUID tenantId, String slug, String cluster, @Nullable String schemaVersion, @Nullable String location,
                         @Nullable Long sizeBytes, @Nullable Long rows, String state, @Nullable String detail, String reason,
                         Instant createdAt, @Nullable Instant finishedAt) {
    }

    public record Rehearsal(UUID id, UUID tenantId, UUID backupId, Instant at, boolean ok, String detail, long millis) {
    }

    private final TransactionOperations<Connection> tx;

    public OperationTables(TransactionOperations<Connection> tx) {
        this.tx = tx;
    }

    /** Records the move begun; false when one is recorded under way already. */
    public boolean startMove(TenantId tenant, String target, @Nullable UUID request) {
        return update("update public.tenants set move_target = ?, move_state = 'COPYING', move_detail = null, move_started_at = now(), "
                + "move_finished_at = null, move_paused_ms = null, move_request_id = ? where id = ? "
                + "and (move_state is null or move_state not in ('COPYING', 'VERIFYING'))", target, request, tenant.value()) == 1;
    }

    public void moveProgress(TenantId tenant, String state, @Nullable String detail) {
        update("update public.tenants set move_state = ?, move_detail = ? where id = ?", state, detail, tenant.value());
    }

    /** The move's end: DONE (the directory names the new cluster, the old one keeps a frozen copy) or FAILED. */
    public void finishMove(TenantId tenant, String state, @Nullable String detail, @Nullable Long pausedMillis, @Nullable String newCluster,
                           @Nullable String oldCluster) {
        update("update public.tenants set move_state = ?, move_detail = ?, move_finished_at = now(), move_paused_ms = ?, "
                        + "db_cluster = coalesce(?, db_cluster), old_cluster = coalesce(?, old_cluster), updated_at = now() where id = ?",
                state, detail, pausedMillis, newCluster, oldCluster, tenant.value());
    }

    public void forgetOldCopy(TenantId tenant) {
        update("update public.tenants set old_cluster = null where id = ?", tenant.value());
    }

    public Optional<Move> move(TenantId tenant) {
        return tx.executeRead(status -> {
            try (PreparedStatement statement = status.getConnection().prepareStatement(
                    "select move_target, move_state, move_detail, move_started_at, move_finished_at, move_paused_ms, old_cluster, "
                            + "move_request_id from public.tenants where id = ?")) {
                statement.setObject(1, tenant.value());
                try (ResultSet rs = statement.executeQuery()) {
                    if (!rs.next()) {
                        return Optional.empty();
                    }
                    long pausedMillis = rs.getLong(6);
                    Long paused = rs.wasNull() ? null : pausedMillis;
                    return Optional.of(new Move(rs.getString(1), rs.getString(2), rs.getString(3), instant(rs.getTimestamp(4)),
                            instant(rs.getTimestamp(5)), paused, rs.getString(7), rs.getObject(8, UUID.class)));
                }
            } catch (SQLException e) {
                throw new DataAccessException("could not read a move", e);
            }
        });
    }

    /** Moves that were under way when the service stopped: they can only be failed and undone. */
    public List<UUID> movesUnderWay() {
        return uuids("select id from public.tenants where move_state in ('COPYING', 'VERIFYING')");
    }

    public void startBackup(UUID id, TenantId tenant, String slug, String cluster, String reason) {
        update("insert into public.tenant_backups (id, tenant_id, slug, db_cluster, state, reason) values (?, ?, ?, ?, 'RUNNING', ?)",
                id, tenant.value(), slug, cluster, reason);
    }

    public void finishBackup(UUID id, String state, @Nullable String detail, @Nullable String schemaVersion, @Nullable String location,
                             @Nullable Long sizeBytes, @Nullable Long rows) {
        update("update public.tenant_backups set state = ?, detail = ?, schema_version = ?, location = ?, size_bytes = ?, row_count = ?, "
                + "finished_at = now() where id = ?", state, detail, schemaVersion, location, sizeBytes, rows, id);
    }

    /** Backups recorded RUNNING: under way on some instance, or left by one that stopped. */
    public List<Backup> backupsUnderWay() {
        return backupsWhere("state = ?", "RUNNING");
    }

    public List<Backup> backups(TenantId tenant) {
        return backupsWhere("tenant_id = ?", tenant.value());
    }

    public Optional<Backup> backup(UUID id) {
        return backupsWhere("id = ?", id).stream().findFirst();
    }

    public void recordRehearsal(UUID id, TenantId tenant, UUID backup, boolean ok, String detail, long millis) {
        update("insert into public.tenant_rehearsals (id, tenant_id, backup_id, ok, detail, millis) values (?, ?, ?, ?, ?, ?)",
                id, tenant.value(), backup, ok, detail, millis);
    }

    public Optional<Rehearsal> lastRehearsal(TenantId tenant) {
        return tx.executeRead(status -> {
            try (PreparedStatement statement = status.getConnection().prepareStatement(
                    "select id, tenant_id, backup_id, at, ok, detail, millis from public.tenant_rehearsals where tenant_id = ? order by at desc limit 1")) {
                statement.setObject(1, tenant.value());
                try (ResultSet rs = statement.executeQuery()) {
                    return rs.next() ? Optional.of(new Rehearsal(rs.getObject(1, UUID.class), rs.getObject(2, UUID.class), rs.getObject(3, UUID.class),
                            rs.getTimestamp(4).toInstant(), rs.getBoolean(5), rs.getString(6), rs.getLong(7))) : Optional.empty();
                }
            } catch (SQLException e) {
                throw new DataAccessException("could not read a rehearsal", e);
            }
        });
    }

    /** The serving organisation rehearsed longest ago (never first): the nightly rehearsal's pick. */
    public Optional<UUID> leastRecentlyRehearsed() {
        return uuids(
                "select t.id from public.tenants t where t.status = 'ACTIVE' order by (select max(r.at) from public.tenant_rehearsals r "
                        + "where r.tenant_id = t.id) asc nulls first, t.created_at limit 1").stream().findFirst();
    }

    /** A backup's file no longer kept (a rehearsal's, once compared). */
    public void forgetFile(UUID id) {
        update("update public.tenant_backups set location = null, detail = coalesce(detail, '') || '; its file is not kept' where id = ?", id);
    }

    private List<Backup> backupsWhere(String condition, Object parameter) {
        return tx.executeRead(status -> {
            List<Backup> backups = new ArrayList<>();
            try (PreparedStatement statement = status.getConnection().prepareStatement(
                    "select id, tenant_id, slug, db_cluster, schema_version, location, size_bytes, row_count, state, detail, reason, created_at, "
                            + "finished_at from public.tenant_backups where " + condition + " order by created_at desc, id limit 200")) {
                statement.setObject(1, parameter);
                try (ResultSet rs = statement.executeQuery()) {
                    while (rs.next()) {
                        long size = rs.getLong(7);
                        Long sizeBytes = rs.wasNull() ? null : size;
                        long rows = rs.getLong(8);
                        Long rowCount = rs.wasNull() ? null : rows;
                        backups.add(new Backup(rs.getObject(1, UUID.class), rs.getObject(2, UUID.class), rs.getString(3), rs.getString(4),
                                rs.getString(5), rs.getString(6), sizeBytes, rowCount, rs.getString(9), rs.getString(10), rs.getString(11),
                                rs.getTimestamp(12).toInstant(), instant(rs.getTimestamp(13))));
                    }
                }
            } catch (SQLException e) {
                throw new DataAccessException("could not read backups", e);
            }
            return backups;
        });
    }

    /** True for the one instance that claims the job for this long; false while another's claim holds. */
    public boolean claim(String job, java.time.Duration holdFor) {
        return update("update public.job_claims set claimed_until = now() + make_interval(secs => ?) where name = ? and claimed_until < now()",
                (double) holdFor.toSeconds(), job) == 1;
    }

    private List<UUID> uuids(String sql) {
        return tx.executeRead(status -> {
            try {
                return Rows.uuids(status.getConnection(), sql);
            } catch (SQLException e) {
                throw new DataAccessException("could not read the directory", e);
            }
        });
    }

    private int update(String sql, Object... parameters) {
        return tx.executeWrite(status -> {
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
