package io.hearth.conversations.internal;

import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;

import java.time.Instant;
import java.util.UUID;

/** A text a message had before an edit, sealed like the message. */
@MappedEntity("message_edits")
public record MessageEditRow(@Id UUID id, UUID messageId, String sealedText, Instant writtenAt, Instant replacedAt) {
}
