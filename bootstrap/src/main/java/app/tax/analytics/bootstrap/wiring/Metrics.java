package app.tax.analytics.bootstrap.wiring;

import app.tax.analytics.adapters.embedded.DiskQueue;
import app.tax.analytics.adapters.geoip.GeoIpDatabase;
import app.tax.analytics.application.port.out.EventQueue;
import app.tax.analytics.application.port.out.PipelineMetrics;
import app.tax.analytics.application.port.out.QueueStats;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.jvm.ClassLoaderMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;

/** The Prometheus registry of a role and the pipeline's own meters (names of docs/ARCHITECTURE.md, "Observability"). */
public final class Metrics {
    private Metrics() {
    }

    public static PrometheusMeterRegistry registry(String role, Resources resources) {
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        registry.config().commonTags("role", role);
        new ClassLoaderMetrics().bindTo(registry);
        new JvmMemoryMetrics().bindTo(registry);
        resources.add(new JvmGcMetrics()).bindTo(registry);
        new JvmThreadMetrics().bindTo(registry);
        new ProcessorMetrics().bindTo(registry);
        new UptimeMetrics().bindTo(registry);
        resources.add(registry::close);
        return registry;
    }

    /** Counters and timers for what the core reports. */
    public static PipelineMetrics pipeline(MeterRegistry registry) {
        DistributionSummary batchSizes = DistributionSummary.builder("analytics_batch_size")
                .description("Events per store write").publishPercentileHistogram().register(registry);
        Timer insertLatency = Timer.builder("analytics_store_insert_duration")
                .description("Store write latency per batch").publishPercentileHistogram().register(registry);
        Counter failures = Counter.builder("analytics_store_insert_failures").description("Batch writes the store did not confirm").register(registry);
        Counter deadLetters = Counter.builder("analytics_dead_letters").description("Queue entries moved to the dead-letter queue").register(registry);
        return new PipelineMetrics() {
            @Override
            public void eventsAccepted(String source, int count) {
                registry.counter("analytics_events_accepted", "source", source).increment(count);
            }

            @Override
            public void eventsRejected(String reason, int count) {
                registry.counter("analytics_events_rejected", "reason", reason).increment(count);
            }

            @Override
            public void batchWritten(int size, Duration latency) {
                batchSizes.record(size);
                insertLatency.record(latency);
            }

            @Override
            public void batchFailed(int size) {
                failures.increment();
            }

            @Override
            public void deadLettered(int count) {
                deadLetters.increment(count);
            }
        };
    }

    /**
     * Queue gauges: {@code redis_stream_length{stream}} (the seed's alert), pending entries, dead
     * letters and {@code analytics_processor_lag_seconds}. Queue stats are read at most once a second,
     * however often Prometheus scrapes.
     */
    public static void queueGauges(MeterRegistry registry, EventQueue queue, String streamName) {
        CachedStats stats = new CachedStats(queue);
        Gauge.builder("redis_stream_length", stats, s -> s.get().length()).tag("stream", streamName).strongReference(true)
                .description("Entries in the event stream").register(registry);
        Gauge.builder("analytics_queue_pending", stats, s -> s.get().pending()).tag("stream", streamName).strongReference(true)
                .description("Entries delivered to a processor and not yet acknowledged").register(registry);
        Gauge.builder("analytics_dead_letter_entries", stats, s -> s.get().deadLetters()).tag("stream", streamName).strongReference(true)
                .description("Entries in the dead-letter stream").register(registry);
        Gauge.builder("analytics_processor_lag_seconds", stats, s -> s.get().lag().toMillis() / 1000.0).strongReference(true)
                .description("Age of the oldest event not yet stored").register(registry);
    }

    /** {@code analytics_geoip_database_build_timestamp_seconds}: when MaxMind built the database in use (alert: > 30 days). */
    public static void geoIpGauge(MeterRegistry registry, GeoIpDatabase database) {
        Gauge.builder("analytics_geoip_database_build_timestamp_seconds", database, d -> d.buildTime().getEpochSecond())
                .strongReference(true).description("Build time of the GeoIP database in use, as a Unix time").register(registry);
    }

    /**
     * The embedded queue's files: {@code analytics_queue_disk_bytes} (bounded by QUEUE_MAX_MB) and
     * {@code analytics_queue_write_refusals_total{reason="disk_full"|"write_error"}}: publishes answered 503
     * because the disk could not take them.
     */
    public static void diskQueueMeters(MeterRegistry registry, DiskQueue queue) {
        Gauge.builder("analytics_queue_disk_bytes", queue, DiskQueue::bytesOnDisk).strongReference(true)
                .description("Bytes of the embedded queue's files").register(registry);
        FunctionCounter.builder("analytics_queue_write_refusals", queue, DiskQueue::diskFullRefusals).tag("reason", "disk_full")
                .description("Publishes refused because the queue's disk could not take them").register(registry);
        FunctionCounter.builder("analytics_queue_write_refusals", queue, DiskQueue::writeErrorRefusals).tag("reason", "write_error")
                .description("Publishes refused because the queue's disk could not take them").register(registry);
    }

    private static final class CachedStats {
        private static final QueueStats UNKNOWN = new QueueStats(0, 0, Duration.ZERO, 0);
        private final EventQueue queue;
        private final AtomicReference<QueueStats> last = new AtomicReference<>(UNKNOWN);
        private volatile long readAtNanos = System.nanoTime() - 2_000_000_000L;

        CachedStats(EventQueue queue) {
            this.queue = queue;
        }

        QueueStats get() {
            long now = System.nanoTime();
            if (now - readAtNanos > 1_000_000_000L) {
                readAtNanos = now;
                try {
                    last.set(queue.stats());
                } catch (RuntimeException e) {
                    // Queue unreachable: keep the last known figures; readiness reports the outage.
                }
            }
            return last.get();
        }
    }
}
