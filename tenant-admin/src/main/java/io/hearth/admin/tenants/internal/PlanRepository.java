package io.hearth.admin.tenants.internal;

import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.CrudRepository;

import java.util.List;
import java.util.Optional;

@JdbcRepository(dialect = Dialect.POSTGRES)
public interface PlanRepository extends CrudRepository<PlanRow, String> {

    @Query("select * from plans order by code")
    List<PlanRow> findAllOrdered();

    @Query("select * from plans where code = :code for update")
    Optional<PlanRow> lock(String code);
}
