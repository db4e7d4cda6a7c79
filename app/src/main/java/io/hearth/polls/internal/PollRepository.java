package io.hearth.polls.internal;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.CrudRepository;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** The tenant in scope's polls and their answers. */
@JdbcRepository(dialect = Dialect.POSTGRES)
public interface PollRepository extends CrudRepository<PollRow, UUID> {

    /** The polls a man may read: the organisation's, and those of the circles given (his own, or the one asked for). */
    String FOR_READER = "(p.scope = 'ORGANISATION' and :organisation) or (p.scope = 'CIRCLE' and p.circle_id in (:circles))";

    @Query("select p.* from polls p where (" + FOR_READER + ") and (:open = false or p.closed_at is null) "
            + "order by p.created_at desc, p.id desc limit :limit offset :offset")
    List<PollRow> findFor(boolean organisation, Collection<UUID> circles, boolean open, int limit, long offset);

    @Query("select count(*) from polls p where (" + FOR_READER + ") and (:open = false or p.closed_at is null)")
    long countFor(boolean organisation, Collection<UUID> circles, boolean open);

    @Query("select * from polls where id = :id for update")
    Optional<PollRow> lock(UUID id);

    @Query("select * from polls where created_by = :createdBy and idempotency_key = :key")
    Optional<PollRow> findByKey(UUID createdBy, String key);

    @Query("select option_id, person_id, answer from poll_answers where poll_id in (:pollIds)")
    List<AnswerLine> findAnswers(Collection<UUID> pollIds);

    @Query("delete from poll_answers where poll_id = :pollId and person_id = :personId")
    void withdraw(UUID pollId, UUID personId);

    @Query("insert into poll_answers (option_id, poll_id, person_id, answer, answered_at) values (:optionId, :pollId, :personId, :answer, :at)")
    void answer(UUID optionId, UUID pollId, UUID personId, String answer, Instant at);

    @Query("update polls set closed_at = :at, closed_by = :by, chosen_option = :chosenOption, meeting_start = :meetingStart where id = :id")
    void close(UUID id, Instant at, UUID by, @Nullable UUID chosenOption, @Nullable Instant meetingStart);

    /** Open polls whose deadline falls within [now, until) and whose men were not reminded yet; locked, skipping those another instance holds. */
    @Query("select * from polls where closed_at is null and reminded_at is null and deadline >= :now and deadline < :until "
            + "and created_at < deadline - interval '2 hours' order by deadline limit :limit for update skip locked")
    List<PollRow> lockReminderDue(Instant now, Instant until, int limit);

    @Query("update polls set reminded_at = :at where id = :id")
    void reminded(UUID id, Instant at);
}
