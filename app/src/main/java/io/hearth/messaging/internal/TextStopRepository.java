package io.hearth.messaging.internal;

import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.GenericRepository;

import java.time.Instant;
import java.util.Collection;

/** Phones that texted STOP, in the organisation in scope. */
@JdbcRepository(dialect = Dialect.POSTGRES)
public interface TextStopRepository extends GenericRepository<TextStopRow, String> {

    @Query("insert into text_stops (phone_hash, stopped_at) values (:phoneHash, :at) on conflict (phone_hash) do nothing")
    void stop(String phoneHash, Instant at);

    @Query("delete from text_stops where phone_hash in (:phoneHashes)")
    void start(Collection<String> phoneHashes);

    @Query("select count(*) > 0 from text_stops where phone_hash in (:phoneHashes)")
    boolean anyOf(Collection<String> phoneHashes);
}
