package io.hearth.gatherings.internal;

import io.micronaut.core.annotation.Introspected;
import io.micronaut.core.annotation.Nullable;

import java.time.Instant;
import java.util.UUID;

/** A registration's sealed emergency contact and medical notes, as stored. */
@Introspected
public record SealedLine(UUID id, UUID personId, @Nullable String sealedEmergencyContact, @Nullable String sealedMedicalNotes,
                         @Nullable Instant sensitiveErasedAt) {
}
