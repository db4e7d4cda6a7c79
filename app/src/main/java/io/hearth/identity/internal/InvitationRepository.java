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

    /** The open invitation of exactly this address (case aside) and role: never a pattern. */
    @io.micronaut.data.annotation.Query("select * from invitations where lower(email) = lower(:email) and role = :role and accepted_at is null")
    Optional<InvitationRow> findOpen(String email, String role);

    /** Holds, until the transaction ends, the one right to invite this address. */
    @io.micronaut.data.annotation.Query("select 1 from (select pg_advisory_xact_lock(hashtextextended('invitation:' || lower(:email), 0))) locked")
    int lockAddress(String email);

    Optional<InvitationRow> findByTokenHash(String tokenHash);

    @io.micronaut.data.annotation.Query("update invitations set accepted_at = :at where id = :id and accepted_at is null")
    long markAccepted(java.util.UUID id, Instant at);

    void updateSentAt(@io.micronaut.data.annotation.Id UUID id, Instant sentAt);

    /** Takes back the open invitation of a man an import created (the import was undone): its link stops working. */
    @io.micronaut.data.annotation.Query("delete from invitations where person_id = :personId and accepted_at is null")
    void deleteOpenFor(UUID personId);
}
