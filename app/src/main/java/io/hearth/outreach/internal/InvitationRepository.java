package io.hearth.outreach.internal;

import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.CrudRepository;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

@JdbcRepository(dialect = Dialect.POSTGRES)
public interface InvitationRepository extends CrudRepository<InvitationRow, UUID> {

    @Query("select * from campaign_invitations where campaign_id = :campaignId order by sent_at, id")
    List<InvitationRow> findOf(UUID campaignId);

    @Query("select exists (select 1 from campaign_invitations where campaign_id = :campaignId and contact_id = :contactId)")
    boolean invited(UUID campaignId, UUID contactId);

    @Query("select * from campaign_invitations where id = :id for update")
    java.util.Optional<InvitationRow> lock(UUID id);

    /** Invitations sent before {@code before} with no answer yet and no reminder to the member who brought him. */
    @Query("select i.* from campaign_invitations i join contacts c on c.id = i.contact_id where i.rsvp is null and i.reminded_at is null "
            + "and i.sent_at < :before and c.invited_by is not null and c.deleted_at is null order by i.sent_at limit 500")
    List<InvitationRow> findUnansweredBefore(Instant before);

    @Query("update campaign_invitations set reminded_at = :at where id = :id and reminded_at is null")
    int markReminded(UUID id, Instant at);
}
