package io.hearth.outreach.internal;

import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.CrudRepository;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

@JdbcRepository(dialect = Dialect.POSTGRES)
public interface CampaignRepository extends CrudRepository<CampaignRow, UUID> {

    @Query("select * from campaigns order by created_at desc, id limit :limit offset :offset")
    List<CampaignRow> findPage(int limit, long offset);

    @Query("select * from campaigns where id = :id for update")
    Optional<CampaignRow> lock(UUID id);
}
