package io.hearth.gatherings.internal;

import io.micronaut.core.annotation.Introspected;

import java.util.UUID;

/** A man's answer to one of an event's questions. */
@Introspected
public record AnswerLine(UUID questionId, String label, String answer) {
}
