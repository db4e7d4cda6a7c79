package io.hearth.conversations.internal;

import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;

import java.time.Instant;
import java.util.UUID;

/** He blocked the other (the table's key is the pair; the repository writes by the pair). */
@MappedEntity("person_blocks")
public record BlockRow(@Id UUID personId, UUID blockedId, Instant blockedAt) {
}
