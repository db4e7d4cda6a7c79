package io.hearth.notifications.internal;

import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;

import java.time.Instant;

/** A STOP, START or HELP text acted on, by the provider's message id. */
@MappedEntity("text_commands")
public record TextCommandRow(@Id String messageSid, String command, Instant receivedAt) {
}
