package io.hearth.admin.tenants;

import io.hearth.kit.tracing.Tracing;
import io.hearth.admin.outbox.Topics;
import io.hearth.kit.outbox.EventEnvelope;
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

/** app's answers to registrations. Applying one twice changes nothing: only a PROVISIONING tenant moves. */
@KafkaListener(groupId = "hearth-tenant-admin", offsetReset = OffsetReset.EARLIEST, offsetStrategy = OffsetStrategy.SYNC_PER_RECORD,
        errorStrategy = @ErrorStrategy(value = ErrorStrategyValue.RETRY_EXPONENTIALLY_ON_ERROR, retryCount = 8, retryDelay = "500ms"))
public class ProvisioningOutcomeListener {

    private static final Logger LOG = LoggerFactory.getLogger(ProvisioningOutcomeListener.class);

    private final JsonMapper json;
    private final TenantRegistry registry;
    private final TenantOperations operations;

    private final Tracing tracing;

    public ProvisioningOutcomeListener(JsonMapper json, TenantRegistry registry, TenantOperations operations, Tracing tracing) {
        this.operations = operations;
        this.tracing = tracing;
        this.json = json;
        this.registry = registry;
    }

    @Topic(Topics.TENANT_PROVISIONING)
    public void receive(ConsumerRecord<String, String> record) {
        tracing.consume(record, () -> handle(record));
    }

    private void handle(ConsumerRecord<String, String> record) {
        Optional<EventEnvelope> read = EventEnvelope.read(json, record);
        if (read.isEmpty()) {
            return;
        }
        EventEnvelope event = read.get();
        switch (event.type()) {
            case "TenantProvisioned" -> registry.recordProvisioning(event.tenantId(), true, null);
            case "TenantProvisioningFailed" -> registry.recordProvisioning(event.tenantId(), false,
                    String.valueOf(event.payload().getOrDefault("reason", "unknown")));
            case "TenantOperationsReported", "TenantBackupFinished", "TenantOperationFailed" -> operations.recordFromApp(event);
            default -> LOG.debug("event {} is not for tenant-admin: ignored", event.type());
        }
    }
}
