package io.hearth.identity.internal;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.GenericRepository;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** The audit log: insert and read, nothing else (the table refuses updates and deletes too). */
@JdbcRepository(dialect = Dialect.POSTGRES)
public interface AuditRepository extends GenericRepository<AuditRow, Long> {

    AuditRow save(AuditRow row);

    /** Optional filters by action, actor, target and time range [from, to). */
    String FILTER = """
             from audit_log
            where (cast(:action as text) is null or action = :action)
              and (cast(:actorId as uuid) is null or actor_id = :actorId)
              and (cast(:targetId as uuid) is null or target_id = :targetId)
              and (cast(:fromTime as timestamptz) is null or occurred_at >= :fromTime)
              and (cast(:toTime as timestamptz) is null or occurred_at < :toTime)
            """;

    @Query(value = "select *" + FILTER + " order by occurred_at desc, id desc limit :limit offset :offset")
    List<AuditRow> search(@Nullable String action, @Nullable UUID actorId, @Nullable UUID targetId,
                          @Nullable Instant fromTime, @Nullable Instant toTime, int limit, long offset);

    @Query(value = "select count(*)" + FILTER)
    long countSearch(@Nullable String action, @Nullable UUID actorId, @Nullable UUID targetId,
                     @Nullable Instant fromTime, @Nullable Instant toTime);

    @Query("select * from audit_log where actor_id = :personId or target_id = :personId order by occurred_at, id")
    List<AuditRow> findConcerning(UUID personId);
}
