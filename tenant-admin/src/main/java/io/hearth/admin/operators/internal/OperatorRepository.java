package io.hearth.admin.operators.internal;

import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.CrudRepository;

import java.util.Optional;
import java.util.UUID;

@JdbcRepository(dialect = Dialect.POSTGRES)
public interface OperatorRepository extends CrudRepository<OperatorRow, UUID> {

    Optional<OperatorRow> findByEmailIlike(String email);
}
