package io.hearth.polls;

import io.swagger.v3.oas.annotations.media.Schema;

/** Whom a poll asks: one circle (its men and facilitators) or the whole organisation. */
@Schema(name = "PollScope")
public enum PollScope {
    CIRCLE,
    ORGANISATION
}
