package io.hearth.conversations.internal;

import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.GenericRepository;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

@JdbcRepository(dialect = Dialect.POSTGRES)
public interface BlockRepository extends GenericRepository<BlockRow, UUID> {

    @Query("insert into person_blocks (person_id, blocked_id, blocked_at) values (:personId, :blockedId, :at) on conflict do nothing")
    void block(UUID personId, UUID blockedId, Instant at);

    @Query("delete from person_blocks where person_id = :personId and blocked_id = :blockedId")
    int unblock(UUID personId, UUID blockedId);

    @Query("select * from person_blocks where person_id = :personId order by blocked_at desc")
    List<BlockRow> findByPerson(UUID personId);

    @Query("select blocked_id from person_blocks where person_id = :personId")
    List<UUID> blockedBy(UUID personId);
}
