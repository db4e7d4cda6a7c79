package io.hearth.outreach.internal;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.CrudRepository;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

@JdbcRepository(dialect = Dialect.POSTGRES)
public interface ContactRepository extends CrudRepository<ContactRow, UUID> {

    @Query("select * from contacts where deleted_at is null and (:invitedBy::uuid is null or invited_by = :invitedBy::uuid) "
            + "order by created_at desc, id limit :limit offset :offset")
    List<ContactRow> findCurrent(@Nullable UUID invitedBy, int limit, long offset);

    @Query("select count(*) from contacts where deleted_at is null and (:invitedBy::uuid is null or invited_by = :invitedBy::uuid)")
    long countCurrent(@Nullable UUID invitedBy);

    @Query("select * from contacts where deleted_at is null and lower(email) = lower(:email)")
    Optional<ContactRow> findByEmail(String email);

    /** The segment a campaign goes to: consent given, not unsubscribed, of this source (any when null), brought by a member when asked. */
    @Query("select * from contacts where deleted_at is null and unsubscribed_at is null and (:source::text is null or lower(source) = lower(:source::text)) "
            + "and (not :invitedOnly or invited_by is not null) order by created_at, id")
    List<ContactRow> findSegment(@Nullable String source, boolean invitedOnly);
}
