package io.hearth.helpdesk;

import io.hearth.tenancy.TenantEvent;
import io.hearth.tenancy.TenantId;
import io.micronaut.core.annotation.Nullable;

import java.util.UUID;

/**
 * The help desk's domain events, on {@code hearth.helpdesk} (contracts in docs/events.md). No event carries a
 * ticket's subject or words: they are sealed at rest, and a care ticket's are for the men trained for it alone.
 */
public sealed interface TicketEvent extends TenantEvent {

    String TOPIC = "hearth.helpdesk";

    @Override
    default String topic() {
        return TOPIC;
    }

    record TicketOpened(TenantId tenant, UUID ticketId, long number, UUID requesterId, UUID categoryId, boolean care) implements TicketEvent {
    }

    /** A message on a ticket: {@code internal} notes are for support alone; {@code byRequester} when the member wrote. */
    record TicketReplied(TenantId tenant, UUID ticketId, long number, UUID messageId, @Nullable UUID authorId, boolean byRequester, boolean internal,
                         boolean care, @Nullable UUID assigneeId) implements TicketEvent {
    }

    record TicketStatusChanged(TenantId tenant, UUID ticketId, long number, TicketStatus status, @Nullable UUID by) implements TicketEvent {
    }

    record TicketAssigned(TenantId tenant, UUID ticketId, long number, @Nullable UUID assigneeId, boolean care, UUID by) implements TicketEvent {
    }

    /** {@code ticketId} was merged into {@code intoId}: its messages are there now, and it is closed. */
    record TicketsMerged(TenantId tenant, UUID ticketId, UUID intoId, UUID by) implements TicketEvent {
    }

    /** Messages of {@code ticketId} were split off into the new ticket {@code newTicketId}. */
    record TicketSplit(TenantId tenant, UUID ticketId, UUID newTicketId, int messages, UUID by) implements TicketEvent {
    }
}
