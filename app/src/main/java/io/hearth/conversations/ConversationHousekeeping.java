package io.hearth.conversations;

import io.hearth.identity.PersonErased;
import io.hearth.tenancy.EachTenant;
import io.micronaut.context.annotation.Requires;
import io.micronaut.runtime.event.annotation.EventListener;
import io.micronaut.scheduling.annotation.Scheduled;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Work no conversation request triggers: messages past their retention (the circle's own, else the organisation's)
 * lose their text, a batch at a time per organisation; and a man whose personal data is erased has his messages'
 * text erased with it.
 */
@Singleton
@Requires(property = "hearth.conversations.housekeeping.enabled", notEquals = "false")
public class ConversationHousekeeping {

    private static final Logger LOG = LoggerFactory.getLogger(ConversationHousekeeping.class);
    private static final int BATCH = 1000;

    private final EachTenant tenants;
    private final Messages messages;

    public ConversationHousekeeping(EachTenant tenants, Messages messages) {
        this.tenants = tenants;
        this.messages = messages;
    }

    @Scheduled(fixedDelay = "${hearth.conversations.housekeeping.interval:1h}", initialDelay = "1m")
    void run() {
        tenants.run("conversation retention", tenant -> {
            int erased = messages.applyRetention(tenant, BATCH);
            if (erased > 0) {
                LOG.info("erased the text of {} messages past retention in {}", erased, tenant.slug());
            }
        });
    }

    @EventListener
    void erased(PersonErased erased) {
        int count = messages.eraseAuthor(erased.tenant(), erased.person());
        LOG.info("erased the text of {} messages of an erased person in {}", count, erased.tenant().slug());
    }
}
