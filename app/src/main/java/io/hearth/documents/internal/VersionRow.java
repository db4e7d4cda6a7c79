package io.hearth.documents.internal;

import io.micronaut.data.annotation.MappedEntity;

import java.time.Instant;
import java.util.UUID;

@MappedEntity("document_versions")
public record VersionRow(UUID documentId, int version, String fileKey, String fileName, String contentType, long sizeBytes, String sha256,
                         UUID uploadedBy, Instant uploadedAt) {
}
