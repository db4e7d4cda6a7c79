package io.hearth.documents.internal;

import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;

import java.time.Instant;
import java.util.UUID;

@MappedEntity("document_acknowledgements")
public record AcknowledgementRow(@Id UUID id, UUID documentId, int version, UUID personId, String sha256, Instant acknowledgedAt, String ip,
                                 String userAgent) {
}
