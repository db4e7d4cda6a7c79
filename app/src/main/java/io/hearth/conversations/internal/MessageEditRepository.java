package io.hearth.conversations.internal;

import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.CrudRepository;

import java.util.List;
import java.util.UUID;

@JdbcRepository(dialect = Dialect.POSTGRES)
public interface MessageEditRepository extends CrudRepository<MessageEditRow, UUID> {

    List<MessageEditRow> findByMessageIdOrderByReplacedAt(UUID messageId);

    @Query("delete from message_edits where message_id = :messageId")
    void eraseFor(UUID messageId);
}
