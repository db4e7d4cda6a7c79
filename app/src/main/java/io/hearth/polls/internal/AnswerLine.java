package io.hearth.polls.internal;

import io.micronaut.core.annotation.Introspected;

import java.util.UUID;

/** One man's answer to one option. */
@Introspected
public record AnswerLine(UUID optionId, UUID personId, String answer) {
}
