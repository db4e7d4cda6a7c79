package io.hearth.polls;

import io.swagger.v3.oas.annotations.media.Schema;

/** What a poll asks: when to meet (each slot answered with an {@link Availability}) or a plain question (choices). */
@Schema(name = "PollKind")
public enum PollKind {
    MEETING_TIME,
    CHOICE
}
