package io.hearth.outreach.internal;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;

import java.time.Instant;
import java.util.UUID;

@MappedEntity("campaign_invitations")
public record InvitationRow(@Id UUID id, UUID campaignId, UUID contactId, Instant sentAt, @Nullable String rsvp, @Nullable Instant rsvpAt,
                            @Nullable Instant cameAt, @Nullable Instant remindedAt) {
}
