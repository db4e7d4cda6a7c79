package io.hearth.notifications.internal;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.GenericRepository;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** Consents given and withdrawn: only ever added to, read back for his export. */
@JdbcRepository(dialect = Dialect.POSTGRES)
public interface ConsentRepository extends GenericRepository<ConsentRow, Long> {

    @Query("insert into consents (person_id, channel, kind, given, at, how) values (:personId, :channel, :kind, :given, :at, :how)")
    void add(UUID personId, String channel, @Nullable String kind, boolean given, Instant at, String how);

    @Query("select * from consents where person_id = :personId order by at, id")
    List<ConsentRow> of(UUID personId);

    /** The latest consent for every kind on a channel of many men (ids comma-separated): one parameter, however many. */
    @Query("select distinct on (person_id) * from consents where person_id = any(cast(string_to_array(:personIds, ',') as uuid[])) "
            + "and channel = :channel and kind is null order by person_id, at desc, id desc")
    List<ConsentRow> latestOf(String personIds, String channel);
}
