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

/** People of the tenant in scope. */
@JdbcRepository(dialect = Dialect.POSTGRES)
public interface PersonRepository extends CrudRepository<PersonRow, UUID> {

    @Query("select * from people where lower(email) = lower(:email)")
    Optional<PersonRow> findByEmail(String email);

    @Query("update people set status = :status, updated_at = :at where id = :id")
    void updateStatus(UUID id, String status, Instant at);

    @Query("update people set email_verified_at = :at, status = :status, updated_at = :at where id = :id")
    void markEmailVerified(UUID id, String status, Instant at);

    /** His address bounced: it is no longer taken as his until he confirms it again. */
    @Query("update people set email_verified_at = null, updated_at = :at where id = :id")
    void unverifyEmail(UUID id, Instant at);

    /** He confirmed his address again (after a bounce): his status stays as it is. */
    @Query("update people set email_verified_at = :at, updated_at = :at where id = :id")
    void reverifyEmail(UUID id, Instant at);

    @Query("update people set mfa_enabled = :enabled, updated_at = :at where id = :id")
    void updateMfaEnabled(UUID id, boolean enabled, Instant at);

    @Query("update people set sealed_phone = :sealedPhone, phone_verified_at = :verifiedAt, updated_at = :at where id = :id")
    void updatePhone(UUID id, @Nullable String sealedPhone, @Nullable Instant verifiedAt, Instant at);

    /** His new address, proven by the link mailed to it: confirmed now. */
    @Query("update people set email = :email, email_verified_at = :at, updated_at = :at where id = :id")
    void changeEmail(UUID id, String email, Instant at);

    /** His name and his own time zone (null: the organisation's), as he keeps them on his profile. */
    @Query("update people set first_name = :firstName, last_name = :lastName, time_zone = :timeZone, language = :language, updated_at = :at where id = :id")
    void updateProfile(UUID id, String firstName, String lastName, @Nullable String timeZone, @Nullable String language, Instant at);

    /** Search by email or name prefix, status and a role held now; erased people are never listed. */
    String SEARCH = """
             from people p
            where (cast(:q as text) is null
                   or lower(p.email) like lower(:q) || '%'
                   or lower(p.first_name) like lower(:q) || '%'
                   or lower(p.last_name) like lower(:q) || '%')
              and (cast(:status as text) is null or p.status = :status)
              and (cast(:role as text) is null or exists (select 1 from role_grants g where g.person_id = p.id and g.role = :role
                   and g.revoked_at is null and (g.valid_until is null or g.valid_until > now())))
              and p.status <> 'ERASED'
            """;

    /** Searches by name or email prefix and filters by status and held role; sorted by name. */
    @Query(value = "select p.*" + SEARCH + " order by lower(p.last_name), lower(p.first_name), p.id limit :limit offset :offset")
    List<PersonRow> search(@Nullable String q, @Nullable String status, @Nullable String role, int limit, long offset);

    @Query(value = "select count(*)" + SEARCH)
    long countSearch(@Nullable String q, @Nullable String status, @Nullable String role);

    @Query("select * from people where id in (:ids)")
    List<PersonRow> findAllOf(java.util.Collection<UUID> ids);

    /** Everyone active in the organisation (an announcement to all of it). */
    @Query("select id from people where status = 'ACTIVE'")
    List<UUID> activeIds();

    /** The active holders of a role now (an announcement to a role). */
    @Query("""
            select distinct p.id from people p join role_grants g on g.person_id = p.id
            where p.status = 'ACTIVE' and g.role = :role and g.revoked_at is null and (g.valid_until is null or g.valid_until > now())""")
    List<UUID> activeHolders(String role);

    /** Everyone with a verified phone (to find who texted from a number: the numbers are sealed, so each is opened). */
    @Query("select * from people where phone_verified_at is not null and sealed_phone is not null and status <> 'ERASED'")
    List<PersonRow> withVerifiedPhone();

    /** The people with any of these addresses (lower case, one per line): one query for a whole file, however long. */
    @Query("select * from people where lower(email) = any(string_to_array(:emails, chr(10))) and status <> 'ERASED'")
    List<PersonRow> findByEmails(String emails);

    /** Everyone with a phone, verified or not (an import finds whose number is which: the numbers are sealed, so each is opened). */
    @Query("select * from people where sealed_phone is not null and status <> 'ERASED'")
    List<PersonRow> withPhone();

    /** Everyone but the erased, by name: the members file. */
    @Query("select * from people where status <> 'ERASED' order by lower(last_name), lower(first_name), id")
    List<PersonRow> everyone();

    /** His name and phone as an import sets or restores them. */
    @Query("update people set first_name = :firstName, last_name = :lastName, sealed_phone = :sealedPhone, phone_verified_at = :phoneVerifiedAt, updated_at = :at where id = :id")
    void updateRecord(UUID id, String firstName, String lastName, @Nullable String sealedPhone, @Nullable Instant phoneVerifiedAt, Instant at);
}
