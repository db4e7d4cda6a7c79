package io.hearth.helpdesk.internal;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.CrudRepository;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** The tenant in scope's tickets. */
@JdbcRepository(dialect = Dialect.POSTGRES)
public interface TicketRepository extends CrudRepository<TicketRow, UUID> {

    /** Who may see what: his own tickets, or (as support) the ordinary queue, or (as care) the care queue. */
    String VISIBLE = "(t.requester_id = :requester or (not t.care and :ordinary) or (t.care and :care)) "
            + "and (:status::text is null or t.status = :status::text) and (:assignee::uuid is null or t.assignee_id = :assignee::uuid) "
            + "and (:unassigned = false or t.assignee_id is null) and (:category::uuid is null or t.category_id = :category::uuid) ";

    @Query("select t.* from tickets t where " + VISIBLE + "order by case t.status when 'NEW' then 0 when 'OPEN' then 1 "
            + "when 'WAITING_FOR_MEMBER' then 2 when 'SOLVED' then 3 else 4 end, t.created_at desc, t.id limit :limit offset :offset")
    List<TicketRow> findVisible(@Nullable UUID requester, boolean ordinary, boolean care, @Nullable String status, @Nullable UUID assignee,
                                boolean unassigned, @Nullable UUID category, int limit, long offset);

    @Query("select count(*) from tickets t where " + VISIBLE)
    long countVisible(@Nullable UUID requester, boolean ordinary, boolean care, @Nullable String status, @Nullable UUID assignee,
                      boolean unassigned, @Nullable UUID category);

    @Query("select nextval('ticket_numbers')")
    long nextNumber();

    @Query("select * from tickets where id = :id for update")
    Optional<TicketRow> lock(UUID id);

    @Query("select * from tickets where requester_id = :requesterId and idempotency_key = :key")
    Optional<TicketRow> findByKey(UUID requesterId, String key);

    /** Per category and status, with the levels breached as of now (a stopped clock breaches nothing more). */
    @Query("select category_id, status, count(*) as tickets, "
            + "count(*) filter (where first_response_minutes is not null and coalesce(first_response_at, case when paused_since is null then cast(:now as timestamptz) end) "
            + "> created_at + make_interval(mins => first_response_minutes) + make_interval(secs => paused_seconds)) as first_response_breached, "
            + "count(*) filter (where resolution_minutes is not null and coalesce(solved_at, case when paused_since is null then cast(:now as timestamptz) end) "
            + "> created_at + make_interval(mins => resolution_minutes) + make_interval(secs => paused_seconds)) as resolution_breached "
            + "from tickets where merged_into is null group by category_id, status")
    List<QueueLine> queueFigures(Instant now);
}
