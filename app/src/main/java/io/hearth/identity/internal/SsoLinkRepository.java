package io.hearth.identity.internal;

import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.CrudRepository;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

@JdbcRepository(dialect = Dialect.POSTGRES)
public interface SsoLinkRepository extends CrudRepository<SsoLinkRow, UUID> {

    Optional<SsoLinkRow> findByIssuerAndSubject(String issuer, String subject);

    List<SsoLinkRow> findByIssuerOrderByLastSignedInDesc(String issuer);
}
