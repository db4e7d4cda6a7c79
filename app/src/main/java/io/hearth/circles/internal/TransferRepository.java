package io.hearth.circles.internal;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.CrudRepository;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** Moves between the tenant in scope's circles. A man has at most one PENDING transfer (a unique index says so). */
@JdbcRepository(dialect = Dialect.POSTGRES)
public interface TransferRepository extends CrudRepository<TransferRow, UUID> {

    boolean existsByPersonIdAndStatus(UUID personId, String status);

    @Query("select * from circle_transfers where from_circle_id = :circleId or to_circle_id = :circleId order by created_at desc, id")
    List<TransferRow> findOfCircle(UUID circleId);

    @Query("update circle_transfers set from_approved_by = :fromApprovedBy, to_approved_by = :toApprovedBy where id = :id")
    void approve(UUID id, @Nullable UUID fromApprovedBy, @Nullable UUID toApprovedBy);

    /** Ends a PENDING transfer with this status; 0 when it was not pending. */
    @Query("update circle_transfers set status = :status, decided_at = :at where id = :id and status = 'PENDING'")
    int close(UUID id, String status, Instant at);

    @Query("update circle_transfers set status = 'WITHDRAWN', decided_at = :at where person_id = :personId and status = 'PENDING'")
    void withdrawPendingOf(UUID personId, Instant at);

    @Query("update circle_transfers set status = 'DECLINED', decided_at = :at where (from_circle_id = :circleId or to_circle_id = :circleId) "
            + "and status = 'PENDING'")
    void declineAllOf(UUID circleId, Instant at);
}
