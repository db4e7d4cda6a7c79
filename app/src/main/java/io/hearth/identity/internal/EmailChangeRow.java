package io.hearth.identity.internal;

import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;

import java.time.Instant;
import java.util.UUID;

/** A new address he asked for, until he opens the link mailed to it. */
@MappedEntity("email_changes")
public record EmailChangeRow(@Id UUID personId, String newEmail, String tokenHash, Instant requestedAt, Instant expiresAt) {
}
