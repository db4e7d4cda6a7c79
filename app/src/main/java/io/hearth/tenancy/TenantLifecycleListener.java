package io.hearth.tenancy;

import io.hearth.kit.tracing.Tracing;
import io.hearth.kit.outbox.EventEnvelope;
import io.hearth.kit.outbox.MalformedEventException;
import io.hearth.outbox.Topics;
import io.micronaut.configuration.kafka.annotation.ErrorStrategy;
import io.micronaut.configuration.kafka.annotation.ErrorStrategyValue;
import io.micronaut.configuration.kafka.annotation.KafkaListener;
import io.micronaut.configuration.kafka.annotation.OffsetReset;
import io.micronaut.configuration.kafka.annotation.OffsetStrategy;
import io.micronaut.configuration.kafka.annotation.Topic;
import io.micronaut.json.JsonMapper;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Optional;

/**
 * tenant-admin's lifecycle events, consumed by one instance of app per event (consumer group), in order per tenant
 * (the key). Transient failures are retried with back-off; an event that cannot be parsed is logged and skipped.
 */
@KafkaListener(groupId = "hearth-app-tenancy", offsetReset = OffsetReset.EARLIEST, offsetStrategy = OffsetStrategy.SYNC_PER_RECORD,
        errorStrategy = @ErrorStrategy(value = ErrorStrategyValue.RETRY_EXPONENTIALLY_ON_ERROR, retryCount = 8, retryDelay = "500ms"))
public class TenantLifecycleListener {

    private static final Logger LOG = LoggerFactory.getLogger(TenantLifecycleListener.class);

    private final JsonMapper json;
    private final TenantProvisioning provisioning;

    private final Tracing tracing;

    public TenantLifecycleListener(JsonMapper json, TenantProvisioning provisioning, Tracing tracing) {
        this.tracing = tracing;
        this.json = json;
        this.provisioning = provisioning;
    }

    @Topic(Topics.TENANT_LIFECYCLE)
    public void receive(ConsumerRecord<String, String> record) {
        tracing.consume(record, () -> handle(record));
    }

    private void handle(ConsumerRecord<String, String> record) {
        Optional<EventEnvelope> read = EventEnvelope.read(json, record);
        if (read.isEmpty()) {
            return;
        }
        EventEnvelope event = read.get();
        try {
            switch (event.type()) {
                case "TenantRegistered", "TenantProvisioningRetried" -> provisioning.provision(event);
                case "FirstAdminInvitationResent" -> provisioning.reinviteFirstAdmin(event);
                case "TenantSuspended" -> provisioning.changeStatus(event, TenantStatus.SUSPENDED);
                case "TenantReactivated" -> provisioning.changeStatus(event, TenantStatus.ACTIVE);
                default -> LOG.debug("event {} is not for app: ignored", event.type());
            }
        } catch (MalformedEventException e) {
            LOG.error("malformed event {} {}: skipped", event.type(), event.eventId(), e);
        }
    }
}
