package io.hearth.polls.internal;

import io.hearth.polls.PollKind;
import io.hearth.polls.PollScope;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;

import java.time.Instant;
import java.util.UUID;

@MappedEntity("polls")
public record PollRow(@Id UUID id, PollScope scope, @Nullable UUID circleId, PollKind kind, String question, @Nullable String description,
                      boolean multiple, boolean anonymous, @Nullable String timeZone, @Nullable Integer quorum, @Nullable Instant deadline,
                      @Nullable Instant replacesMeeting, UUID createdBy, Instant createdAt, @Nullable Instant remindedAt, @Nullable Instant closedAt,
                      @Nullable UUID closedBy, @Nullable UUID chosenOption, @Nullable Instant meetingStart, @Nullable String idempotencyKey) {
}
