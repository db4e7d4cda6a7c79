package io.hearth.identity.internal;

import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.CrudRepository;

import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

/** Invitations of the tenant in scope: Micronaut Data runs every query in that tenant's schema. */
@JdbcRepository(dialect = Dialect.POSTGRES)
public interface InvitationRepository extends CrudRepository<InvitationRow, UUID> {

    Optional<InvitationRow> findByEmailIlikeAndRoleAndAcceptedAtIsNull(String email, String role);

    Optional<InvitationRow> findByTokenHash(String tokenHash);

    @io.micronaut.data.annotation.Query("update invitations set accepted_at = :at where id = :id and accepted_at is null")
    long markAccepted(java.util.UUID id, Instant at);

    void updateSentAt(@io.micronaut.data.annotation.Id UUID id, Instant sentAt);
}
