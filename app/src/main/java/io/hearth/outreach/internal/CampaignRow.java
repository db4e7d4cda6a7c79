package io.hearth.outreach.internal;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;

import java.time.Instant;
import java.util.UUID;

@MappedEntity("campaigns")
public record CampaignRow(@Id UUID id, String title, String subject, String body, @Nullable UUID eventId, @Nullable String segmentSource,
                          boolean segmentInvitedOnly, String status, UUID createdBy, Instant createdAt, @Nullable Instant sentAt, @Nullable String sendKey) {
}
