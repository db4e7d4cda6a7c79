package io.hearth.kit.metrics;

import io.micrometer.core.instrument.Tags;
import io.micronaut.context.BeanProvider;
import io.micronaut.context.annotation.Context;
import io.micronaut.context.annotation.Property;
import io.micronaut.context.annotation.Requires;
import org.apache.kafka.clients.admin.AdminClient;
import org.apache.kafka.clients.admin.ConsumerGroupListing;
import org.apache.kafka.clients.admin.ListOffsetsResult;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * How far each of this service's consumer groups is behind ({@code hearth_kafka_consumer_lag{group}}: messages on
 * the topics' ends that the group has not committed, summed over its partitions), asked of the brokers, as an
 * operator would with {@code kafka-consumer-groups --describe}. The service's groups are those named after it
 * ({@code hearth-app}, {@code hearth-app-notifications}, …): a handful of series.
 */
@Context
@Requires(beans = SampledGauges.class)
@Requires(property = "hearth.metrics.consumer-lag.enabled", notEquals = "false")
public class ConsumerLag {

    private static final long TIMEOUT_SECONDS = 10;
    static final String LAG = "hearth.kafka.consumer.lag";

    private final SampledGauges gauges;
    private final BeanProvider<AdminClient> admin;
    private final String service;
    private final Map<String, SampledGauges.Value> lags = new ConcurrentHashMap<>();

    public ConsumerLag(SampledGauges gauges, BeanProvider<AdminClient> admin, @Property(name = "micronaut.application.name") String service) {
        this.gauges = gauges;
        this.admin = admin;
        this.service = service;
        gauges.every("consumer-lag", this::sample, () -> lags.values().forEach(lag -> lag.set(Double.NaN)));
    }

    boolean ours(String group) {
        return group.equals(service) || group.startsWith(service + "-");
    }

    private void sample() {
        AdminClient client = admin.get();
        try {
            List<String> groups = client.listConsumerGroups().all().get(TIMEOUT_SECONDS, TimeUnit.SECONDS).stream()
                    .map(ConsumerGroupListing::groupId).filter(this::ours).toList();
            // A group that is gone (renamed in a release) is no longer reported: its last lag would alert forever.
            for (String gone : lags.keySet().stream().filter(group -> !groups.contains(group)).toList()) {
                lags.remove(gone);
                gauges.remove(LAG, Tags.of("group", gone));
            }
            for (String group : groups) {
                Map<TopicPartition, OffsetAndMetadata> committed = client.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata()
                        .get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
                Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
                committed.keySet().forEach(partition -> latest.put(partition, OffsetSpec.latest()));
                Map<TopicPartition, ListOffsetsResult.ListOffsetsResultInfo> ends = latest.isEmpty() ? Map.of()
                        : client.listOffsets(latest).all().get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
                long lag = 0;
                for (Map.Entry<TopicPartition, OffsetAndMetadata> entry : committed.entrySet()) {
                    ListOffsetsResult.ListOffsetsResultInfo end = ends.get(entry.getKey());
                    if (end != null && entry.getValue() != null) {
                        lag += Math.max(0, end.offset() - entry.getValue().offset());
                    }
                }
                lags.computeIfAbsent(group, name -> gauges.gauge(LAG, Tags.of("group", name), null,
                        "Messages on the topics' ends this consumer group has not committed")).set(lag);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while asking Kafka for consumer lag", e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("Kafka did not say the consumer groups' offsets", e);
        }
    }
}
