package io.hearth.helpdesk.internal;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;

import java.time.Instant;
import java.util.UUID;

@MappedEntity("ticket_categories")
public record CategoryRow(@Id UUID id, String name, boolean care, @Nullable Integer firstResponseMinutes, @Nullable Integer resolutionMinutes,
                          int position, @Nullable Instant archivedAt, Instant createdAt) {
}
