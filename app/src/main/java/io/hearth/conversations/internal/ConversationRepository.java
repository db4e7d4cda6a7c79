package io.hearth.conversations.internal;

import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.CrudRepository;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

@JdbcRepository(dialect = Dialect.POSTGRES)
public interface ConversationRepository extends CrudRepository<ConversationRow, UUID> {

    Optional<ConversationRow> findByCircleId(UUID circleId);

    Optional<ConversationRow> findByEventId(UUID eventId);

    Optional<ConversationRow> findByPersonAAndPersonB(UUID personA, UUID personB);

    @Query("select * from conversations where kind = 'DIRECT' and (person_a = :person or person_b = :person)")
    List<ConversationRow> findDirectOf(UUID person);

    /** Creates the circle's chat unless it exists; either way it exists afterwards. */
    @Query("insert into conversations (id, kind, circle_id, epoch, created_at) values (:id, 'CIRCLE', :circleId, :epoch, :at) "
            + "on conflict (circle_id) do nothing")
    void openForCircle(UUID id, UUID circleId, String epoch, Instant at);

    @Query("insert into conversations (id, kind, event_id, epoch, created_at) values (:id, 'EVENT_STAFF', :eventId, :epoch, :at) "
            + "on conflict (event_id) do nothing")
    void openForEvent(UUID id, UUID eventId, String epoch, Instant at);

    @Query("insert into conversations (id, kind, person_a, person_b, epoch, created_at) values (:id, 'DIRECT', :personA, :personB, :epoch, :at) "
            + "on conflict (person_a, person_b) where kind = 'DIRECT' do nothing")
    void openDirect(UUID id, UUID personA, UUID personB, String epoch, Instant at);

    /** Locks the conversation's row until the transaction ends. */
    @Query("select last_offset from conversations where id = :id for update")
    Optional<Long> lock(UUID id);

    /** Takes the conversation's next offset; the row stays locked until the transaction ends, so offsets commit in order. */
    @Query("update conversations set last_offset = last_offset + 1 where id = :id returning last_offset")
    long nextOffset(UUID id);

    @Query("update conversations set retention_days = :days where id = :id")
    void setRetention(UUID id, @io.micronaut.core.annotation.Nullable Integer days);

}
