package io.hearth.conversations.internal;

import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;

import java.time.Instant;
import java.util.UUID;

/** How far one man has read one conversation (the table's key is the pair; the repository writes by the pair). */
@MappedEntity("conversation_reads")
public record ReadRow(@Id UUID conversationId, UUID personId, long readOffset, Instant readAt) {
}
