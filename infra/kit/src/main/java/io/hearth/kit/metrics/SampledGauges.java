package io.hearth.kit.metrics;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micronaut.context.annotation.Property;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Gauges whose values cost a query (a backlog, a consumer group's lag): sampled on one thread every
 * {@code hearth.metrics.sample-interval} (15 s), not at each scrape, so that a scrape is cheap whatever it asks and a
 * slow database cannot stall it (each sample's query has a few seconds at most). A sample that fails sets its gauges to
 * NaN and is logged once until it succeeds again; whatever happens, {@code hearth_metrics_sampled_timestamp_seconds}
 * says when each sample last succeeded, so an alert sees a sample that stopped (NaN alone would silence a threshold).
 */
@Singleton
public class SampledGauges {

    private static final Logger LOG = LoggerFactory.getLogger(SampledGauges.class);

    private final MeterRegistry registry;
    private final Duration interval;
    private final Map<String, AtomicLong> values = new ConcurrentHashMap<>();
    private final ScheduledExecutorService executor = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "metrics-sampler");
        thread.setDaemon(true);
        return thread;
    });

    public SampledGauges(MeterRegistry registry, @Property(name = "hearth.metrics.sample-interval", defaultValue = "15s") Duration interval) {
        this.registry = registry;
        this.interval = interval;
    }

    /** One gauge's latest sample. */
    public final class Value {
        private final AtomicLong bits;

        private Value(AtomicLong bits) {
            this.bits = bits;
        }

        public void set(double value) {
            bits.set(Double.doubleToLongBits(value));
        }
    }

    /** A gauge (NaN until first sampled); the same name and tags give the same gauge. */
    public Value gauge(String name, Tags tags, String baseUnit, String description) {
        String id = name + tags;
        AtomicLong bits = values.computeIfAbsent(id, key -> {
            AtomicLong created = new AtomicLong(Double.doubleToLongBits(Double.NaN));
            Gauge.builder(name, created, held -> Double.longBitsToDouble(held.get())).tags(tags).baseUnit(baseUnit).description(description)
                    .register(registry);
            return created;
        });
        return new Value(bits);
    }

    /**
     * Runs {@code sample} now and every interval after; its failures set {@code onFailure}'s gauges to NaN. {@code what}
     * names it in the last-success gauge's {@code sample} label (a word: {@code outbox}, {@code queue-mail}).
     */
    public void every(String what, Runnable sample, Runnable onFailure) {
        AtomicBoolean failing = new AtomicBoolean();
        Value succeeded = gauge("hearth.metrics.sampled.timestamp", Tags.of("sample", what), "seconds",
                "When each sampled gauge last succeeded (Unix time): a sample that stopped is seen by its age");
        executor.scheduleWithFixedDelay(() -> {
            // Throwable, not Exception: an error that escaped would cancel this schedule, and the gauges would stand still.
            try {
                sample.run();
                succeeded.set(System.currentTimeMillis() / 1000.0);
                if (failing.compareAndSet(true, false)) {
                    LOG.info("sampling {} works again", what);
                }
            } catch (Throwable e) {
                onFailure.run();
                if (failing.compareAndSet(false, true)) {
                    LOG.warn("sampling {} failed; its gauges read NaN until it works", what, e);
                }
            }
        }, 0, interval.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Stops reporting a gauge (a consumer group that is gone). */
    public void remove(String name, Tags tags) {
        if (values.remove(name + tags) != null) {
            io.micrometer.core.instrument.Gauge gauge = registry.find(name).tags(tags).gauge();
            if (gauge != null) {
                registry.remove(gauge);
            }
        }
    }

    @PreDestroy
    void stop() {
        executor.shutdownNow();
    }
}
