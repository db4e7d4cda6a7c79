package io.hearth.identity.internal;

import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.GenericRepository;

import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

/** Address changes waiting for their link, one per man. */
@JdbcRepository(dialect = Dialect.POSTGRES)
public interface EmailChangeRepository extends GenericRepository<EmailChangeRow, UUID> {

    /** His new request replaces the last one, whose link then leads nowhere. */
    @Query("""
            insert into email_changes (person_id, new_email, token_hash, requested_at, expires_at) values (:personId, :newEmail, :tokenHash, :at, :expiresAt)
            on conflict (person_id) do update set new_email = excluded.new_email, token_hash = excluded.token_hash,
                requested_at = excluded.requested_at, expires_at = excluded.expires_at""")
    void set(UUID personId, String newEmail, String tokenHash, Instant at, Instant expiresAt);

    /** The change a link is for, locked until it is carried out (a link opened twice at once acts once). */
    @Query("select * from email_changes where token_hash = :tokenHash for update")
    Optional<EmailChangeRow> byToken(String tokenHash);

    @Query("delete from email_changes where person_id = :personId")
    void delete(UUID personId);
}
