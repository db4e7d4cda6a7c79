package io.hearth.outreach.internal;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;

import java.time.Instant;
import java.util.UUID;

@MappedEntity("contacts")
public record ContactRow(@Id UUID id, String email, String firstName, String lastName, String source, Instant consentGivenAt, String consentNote,
                         @Nullable Instant unsubscribedAt, @Nullable UUID invitedBy, UUID createdBy, Instant createdAt, @Nullable Instant deletedAt) {
}
