package io.hearth.helpdesk;

import io.hearth.kit.Refusal;
import io.hearth.messaging.MailReplied;
import io.hearth.tenancy.InTenant;
import io.hearth.tenancy.TenantId;
import io.micronaut.runtime.event.annotation.EventListener;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The edge where a member's mail reply to his ticket reaches the help desk, in his organisation's scope. A reply that
 * cannot be taken (the ticket is gone, his address changed) is logged and left; a failure of the store itself goes
 * back to the mail provider, which delivers again.
 */
@Singleton
public class TicketMailListener {

    private static final Logger LOG = LoggerFactory.getLogger(TicketMailListener.class);

    private final InTenant tenants;
    private final Tickets tickets;

    public TicketMailListener(InTenant tenants, Tickets tickets) {
        this.tenants = tenants;
        this.tickets = tickets;
    }

    @EventListener
    void on(MailReplied reply) {
        if (!reply.thread().startsWith("ticket-")) {
            return;
        }
        try {
            boolean added = tenants.call(new TenantId(reply.tenantId()),
                    tenant -> tickets.replyByMail(tenant, reply.thread(), reply.from(), reply.text(), reply.messageId())).orElse(false);
            if (!added) {
                LOG.info("a mail reply to {} of organisation {} was not added (gone, answered already, or not from its member)", reply.thread(),
                        reply.tenantId());
            }
        } catch (Refusal refusal) {
            LOG.info("a mail reply to {} of organisation {} was refused: {}", reply.thread(), reply.tenantId(), refusal.getMessage());
        }
    }
}
