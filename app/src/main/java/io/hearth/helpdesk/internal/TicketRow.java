package io.hearth.helpdesk.internal;

import io.hearth.helpdesk.TicketStatus;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;

import java.time.Instant;
import java.util.UUID;

@MappedEntity("tickets")
public record TicketRow(@Id UUID id, long number, UUID requesterId, UUID categoryId, boolean care, String sealedSubject,
                        TicketStatus status, @Nullable UUID assigneeId, @Nullable Integer firstResponseMinutes, @Nullable Integer resolutionMinutes,
                        Instant createdAt, Instant updatedAt, @Nullable Instant firstResponseAt, @Nullable Instant solvedAt, @Nullable Instant closedAt,
                        @Nullable Instant pausedSince, long pausedSeconds, @Nullable UUID mergedInto, @Nullable String idempotencyKey) {
}
