package io.hearth.notifications.internal;

import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.GenericRepository;

import java.time.Instant;

/** The STOP, START and HELP texts acted on in the organisation in scope. */
@JdbcRepository(dialect = Dialect.POSTGRES)
public interface TextCommandRepository extends GenericRepository<TextCommandRow, String> {

    /** 1 the first time this message is seen, 0 when it was acted on already. */
    @Query("insert into text_commands (message_sid, command, received_at) values (:messageSid, :command, :at) on conflict (message_sid) do nothing")
    int record(String messageSid, String command, Instant at);
}
