package io.hearth.helpdesk;

import io.swagger.v3.oas.annotations.media.Schema;

/**
 * Where a ticket stands. NEW until support first answers; WAITING_FOR_MEMBER stops its service-level clock until he
 * replies; SOLVED and CLOSED reopen when he writes again.
 */
@Schema(name = "TicketStatus")
public enum TicketStatus {
    NEW, OPEN, WAITING_FOR_MEMBER, SOLVED, CLOSED;

    /** Still to be dealt with: what a queue shows first. */
    public boolean active() {
        return this == NEW || this == OPEN || this == WAITING_FOR_MEMBER;
    }
}
