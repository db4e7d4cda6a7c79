package io.hearth.helpdesk.internal;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;

import java.time.Instant;
import java.util.UUID;

@MappedEntity("ticket_messages")
public record MessageRow(@Id UUID id, UUID ticketId, @Nullable UUID authorId, String sealedBody, boolean internal, String via,
                         @Nullable String mailMessageId, Instant writtenAt, @Nullable String idempotencyKey) {
}
