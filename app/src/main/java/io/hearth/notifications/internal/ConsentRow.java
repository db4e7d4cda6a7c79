package io.hearth.notifications.internal;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;

import java.time.Instant;
import java.util.UUID;

/** One consent given or withdrawn; a null kind is every kind on the channel. */
@MappedEntity("consents")
public record ConsentRow(@Id Long id, UUID personId, String channel, @Nullable String kind, boolean given, Instant at, String how) {
}
