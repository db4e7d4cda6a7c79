package io.hearth.notifications.internal;

import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.GenericRepository;

import java.util.List;

/** The organisation's default levels per kind and channel (a few dozen rows at most). */
@JdbcRepository(dialect = Dialect.POSTGRES)
public interface DefaultRepository extends GenericRepository<DefaultRow, String> {

    @Query("select * from notification_defaults")
    List<DefaultRow> all();

    @Query("insert into notification_defaults (kind, channel, level) values (:kind, :channel, :level) "
            + "on conflict (kind, channel) do update set level = excluded.level")
    void set(String kind, String channel, String level);
}
