package io.hearth.payments.internal;

import io.micronaut.core.annotation.Introspected;
import io.micronaut.core.annotation.Nullable;

import java.time.Instant;
import java.util.UUID;

/** Something about money that needs a person: what, about whom, how much, since when. */
@Introspected
public record QueueLine(String kind, String subjectId, UUID personId, String description, long amountCents, String currency, String state,
                        Instant since, @Nullable UUID circleId) {
}
