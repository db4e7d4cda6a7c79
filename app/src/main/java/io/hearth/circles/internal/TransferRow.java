package io.hearth.circles.internal;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;

import java.time.Instant;
import java.util.UUID;

@MappedEntity("circle_transfers")
public record TransferRow(@Id UUID id, UUID personId, UUID fromCircleId, UUID toCircleId, String status,
                          @Nullable UUID fromApprovedBy, @Nullable UUID toApprovedBy, Instant createdAt, @Nullable Instant decidedAt) {
}
