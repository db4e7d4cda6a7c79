package io.hearth.kit.metrics;

import io.micrometer.core.instrument.config.MeterFilter;
import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Property;
import jakarta.inject.Singleton;

/**
 * What every scrape holds and leaves out. Every meter carries the service it is of ({@code service="hearth-app"}, {@code "hearth-tenant-admin"}): two values,
 * for dashboards that show both. There is never a tenant label: 2,000 organisations would each multiply every series
 * (a trace's span carries the tenant instead).
 */
@Factory
public class MeterFilters {

    @Singleton
    MeterFilter serviceTag(@Property(name = "micronaut.application.name") String service) {
        return MeterFilter.commonTags(java.util.List.of(io.micrometer.core.instrument.Tag.of("service", service)));
    }

    /**
     * Redis commands' latencies without their histograms: one per command and bucket made over a thousand series, and
     * the HTTP histogram says what a slow Redis costs.
     */
    @Singleton
    MeterFilter noRedisHistograms() {
        return new MeterFilter() {
            @Override
            public io.micrometer.core.instrument.distribution.DistributionStatisticConfig configure(io.micrometer.core.instrument.Meter.Id id,
                    io.micrometer.core.instrument.distribution.DistributionStatisticConfig config) {
                if (id.getName().startsWith("lettuce.")) {
                    return io.micrometer.core.instrument.distribution.DistributionStatisticConfig.builder().percentilesHistogram(false)
                            .serviceLevelObjectives().percentiles().build().merge(config);
                }
                return config;
            }
        };
    }

    /**
     * Left out: the Kafka clients' own metrics (hundreds of series by client, topic and partition, named against
     * Prometheus's rules: {@code _ns}, {@code _count} on gauges; {@code hearth_kafka_consumer_lag} says what matters, per
     * consumer group), outgoing HTTP calls (their paths carry Stripe's and push services' ids), and two process meters
     * whose names promtool refuses ({@code process_cpu_usage} and Kubernetes say as much).
     */
    @Singleton
    MeterFilter leftOut() {
        return MeterFilter.deny(id -> id.getName().startsWith("kafka.") || id.getName().startsWith("http.client.")
                || id.getName().equals("process.cpu.time") || id.getName().equals("system.cpu.count"));
    }

    /** Help texts for the framework's meters that come without one (promtool wants every metric explained). */
    @Singleton
    MeterFilter helpTexts() {
        java.util.Map<String, String> help = java.util.Map.of(
                "http.server.requests", "HTTP requests answered, by route template, method and status",
                "executor", "Time tasks spent running in the service's executors");
        return new MeterFilter() {
            @Override
            public io.micrometer.core.instrument.Meter.Id map(io.micrometer.core.instrument.Meter.Id id) {
                String text = help.get(id.getName());
                if (text == null || id.getDescription() != null) {
                    return id;
                }
                return new io.micrometer.core.instrument.Meter.Id(id.getName(), io.micrometer.core.instrument.Tags.of(id.getTagsAsIterable()),
                        id.getBaseUnit(), text, id.getType());
            }
        };
    }
}
