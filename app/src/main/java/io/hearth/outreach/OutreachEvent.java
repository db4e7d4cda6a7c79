package io.hearth.outreach;

import io.hearth.tenancy.TenantEvent;
import io.hearth.tenancy.TenantId;
import io.micronaut.core.annotation.Nullable;

import java.util.UUID;

/**
 * Outreach's domain events, on {@code hearth.outreach} (contracts in docs/events.md). No event carries a contact's
 * name or address: readers look him up by id.
 */
public sealed interface OutreachEvent extends TenantEvent {

    String TOPIC = "hearth.outreach";

    @Override
    default String topic() {
        return TOPIC;
    }

    /** A campaign went out to {@code invitations} more contacts. */
    record CampaignSent(TenantId tenant, UUID campaignId, int invitations, UUID by) implements OutreachEvent {
    }

    /** A contact answered his invitation ({@code answer} YES, MAYBE or NO); {@code invitedBy} is the member who brought him. */
    record ContactAnswered(TenantId tenant, UUID campaignId, UUID invitationId, UUID contactId, String answer, @Nullable UUID invitedBy)
            implements OutreachEvent {
    }

    /** A contact a member brought has not answered for days: the member is asked to follow up, once. */
    record FollowUpDue(TenantId tenant, UUID campaignId, UUID invitationId, UUID contactId, UUID invitedBy) implements OutreachEvent {
    }
}
