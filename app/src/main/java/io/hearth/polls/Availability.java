package io.hearth.polls;

import io.swagger.v3.oas.annotations.media.Schema;

/** A man's answer to one slot of a meeting-time poll. */
@Schema(name = "Availability")
public enum Availability {
    YES,
    IF_NEED_BE,
    NO;

    /** Whether he can come (gladly or if need be): what a quorum counts. */
    public boolean canCome() {
        return this != NO;
    }
}
