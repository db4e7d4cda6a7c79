package io.hearth.helpdesk.internal;

import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.CrudRepository;

import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** The messages and notes of the tenant in scope's tickets. */
@JdbcRepository(dialect = Dialect.POSTGRES)
public interface MessageRepository extends CrudRepository<MessageRow, UUID> {

    @Query("select * from ticket_messages where ticket_id = :ticketId and (:withInternal or not internal) order by written_at, id")
    List<MessageRow> findOf(UUID ticketId, boolean withInternal);

    @Query("select * from ticket_messages where author_id = :authorId and idempotency_key = :key")
    Optional<MessageRow> findByKey(UUID authorId, String key);

    boolean existsByMailMessageId(String mailMessageId);

    @Query("update ticket_messages set ticket_id = :into where ticket_id = :from")
    int moveAll(UUID from, UUID into);

    @Query("update ticket_messages set ticket_id = :into where ticket_id = :from and id in (:ids)")
    int move(UUID from, UUID into, Collection<UUID> ids);

    @Query("select count(*) from ticket_messages where ticket_id = :ticketId")
    long countOf(UUID ticketId);
}
