package io.hearth.polls.internal;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;

import java.time.Instant;
import java.util.UUID;

@MappedEntity("poll_options")
public record OptionRow(@Id UUID id, UUID pollId, int position, @Nullable String label, @Nullable Instant startsAt, @Nullable Integer minutes,
                        @Nullable Integer capacity) {
}
