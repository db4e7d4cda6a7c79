package io.hearth.identity.internal;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.CrudRepository;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

@JdbcRepository(dialect = Dialect.POSTGRES)
public interface GrantRepository extends CrudRepository<GrantRow, UUID> {

    /** Grants that count now: not revoked, not expired. */
    @Query("select * from role_grants where person_id = :personId and revoked_at is null and (valid_until is null or valid_until > now())")
    List<GrantRow> findLive(UUID personId);

    /** The same for many people at once. */
    @Query("select * from role_grants where person_id in (:personIds) and revoked_at is null and (valid_until is null or valid_until > now())")
    List<GrantRow> findLiveFor(java.util.Collection<UUID> personIds);

    @Query("select * from role_grants where person_id = :personId order by granted_at, id")
    List<GrantRow> findHistory(UUID personId);

    @Query("select * from role_grants where person_id = :personId and role = :role and revoked_at is null")
    Optional<GrantRow> findOpen(UUID personId, String role);

    @Query("update role_grants set revoked_at = :at, revoked_by = :by where person_id = :personId and role = :role and revoked_at is null")
    long revoke(UUID personId, String role, Instant at, @Nullable UUID by);

    @Query("update role_grants set revoked_at = :at, revoked_by = :by where person_id = :personId and revoked_at is null")
    long revokeAll(UUID personId, Instant at, @Nullable UUID by);

    /** A new end (or none): he is told again before the new end comes. */
    @Query("update role_grants set valid_until = :validUntil, granted_by = :by, granted_at = :at, ending_noticed_at = null where id = :id")
    void renew(UUID id, @Nullable Instant validUntil, @Nullable UUID by, Instant at);

    /**
     * Live grants that end before {@code horizon} and whose holder was not told yet, locked so that two instances
     * never tell him twice (one skips what the other holds).
     */
    @Query("""
            select * from role_grants where revoked_at is null and ending_noticed_at is null and valid_until > :now and valid_until <= :horizon
            order by valid_until limit :limit for update skip locked""")
    List<GrantRow> endingUntold(Instant now, Instant horizon, int limit);

    @Query("update role_grants set ending_noticed_at = :at where id in (:ids)")
    void markEndingNoticed(java.util.Collection<UUID> ids, Instant at);

    /** Active people holding the role now; to keep an organisation from losing its last admin. */
    @Query("""
            select count(distinct g.person_id) from role_grants g join people p on p.id = g.person_id
            where g.role = :role and g.revoked_at is null and (g.valid_until is null or g.valid_until > now()) and p.status = 'ACTIVE'""")
    long countActiveHolders(String role);

    /** Live grants of many people (ids comma-separated): one parameter, however many. */
    @Query("select * from role_grants where person_id = any(cast(string_to_array(:personIds, ',') as uuid[])) and revoked_at is null and (valid_until is null or valid_until > now())")
    List<GrantRow> findLiveAmong(String personIds);
}
