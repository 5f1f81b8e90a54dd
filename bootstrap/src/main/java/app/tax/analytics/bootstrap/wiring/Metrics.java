package app.tax.analytics.bootstrap.wiring;

import app.tax.analytics.adapters.embedded.DiskQueue;
import app.tax.analytics.adapters.geoip.GeoIpDatabase;
import app.tax.analytics.application.port.out.PipelineMetrics;
import app.tax.analytics.application.port.out.QueueHealth;
import app.tax.analytics.application.port.out.QueueStats;
import app.tax.analytics.adapters.redis.RedisConnection;
import app.tax.analytics.adapters.redis.RedisObserver;
import app.tax.analytics.adapters.redis.StreamStats;
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
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.ToLongFunction;

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
        Counter deadLetters = deadLetters(registry);
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

    /** One counter for every path to the dead letters: the processor's and the Redis queue's own. */
    private static Counter deadLetters(MeterRegistry registry) {
        return Counter.builder("analytics_dead_letters").description("Queue entries moved to the dead-letter queue").register(registry);
    }

    /** Counts what the Redis adapters report: the queue's own dead letters and cluster topology refreshes. */
    public static RedisObserver redisObserver(MeterRegistry registry) {
        Counter deadLetters = deadLetters(registry);
        Counter changes = Counter.builder("redis_cluster_topology_changes")
                .description("Redis Cluster topology refreshes that found a change (e.g. a replica promoted)").register(registry);
        return new RedisObserver() {
            @Override
            public void deadLettered(String stream, String reason) {
                deadLetters.increment();
            }

            @Override
            public void topologyRefreshed(String trigger) {
                Counter.builder("redis_cluster_topology_refreshes").tag("trigger", trigger)
                        .description("Redis Cluster topology reads out of turn (besides the periodic ones), by trigger")
                        .register(registry).increment();
            }

            @Override
            public void topologyChanged() {
                changes.increment();
            }
        };
    }

    /**
     * Queue gauges: {@code redis_stream_length{stream}} (the seed's alert), pending entries, dead
     * letters and {@code analytics_processor_lag_seconds}. Queue stats are read at most once a second,
     * however often Prometheus scrapes.
     */
    public static void queueGauges(MeterRegistry registry, QueueHealth queue, String streamName) {
        CachedStats stats = new CachedStats(queue);
        Gauge.builder("redis_stream_length", stats, s -> s.get().length()).tag("stream", streamName).strongReference(true)
                .description("Entries in the event stream").register(registry);
        totalGauges(registry, stats, streamName);
    }

    /**
     * The Redis queue's gauges: the totals of {@link #queueGauges} (tagged with the stream key) and, per stream
     * (shard), {@code redis_stream_length} (XLEN: acknowledged entries too, until trimmed),
     * {@code redis_stream_pending} (delivered, not acknowledged), {@code redis_stream_lag} (not yet delivered: the
     * backlog) and {@code redis_stream_dead_letters}. Streams are found on each read, so shards added later appear.
     */
    public static void redisQueueGauges(MeterRegistry registry, RedisConnection connection, String streamKey) {
        totalGauges(registry, new CachedStats(connection.eventQueue()), streamKey);
        StreamGauges streams = new StreamGauges(registry, connection);
        streams.refresh();
        Gauge.builder("redis_streams", streams, StreamGauges::refresh).strongReference(true)
                .description("Streams (shards) the queue reads").register(registry);
    }

    private static void totalGauges(MeterRegistry registry, CachedStats stats, String streamName) {
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

    /** Per-stream gauges over figures read at most once a second, registered as streams appear. */
    private static final class StreamGauges {
        private final MeterRegistry registry;
        private final RedisConnection connection;
        private final Map<String, StreamStats> last = new ConcurrentHashMap<>();
        private volatile long readAtNanos = System.nanoTime() - 2_000_000_000L;

        StreamGauges(MeterRegistry registry, RedisConnection connection) {
            this.registry = registry;
            this.connection = connection;
        }

        /** @return the number of streams known */
        synchronized double refresh() {
            long now = System.nanoTime();
            if (now - readAtNanos > 1_000_000_000L) {
                readAtNanos = now;
                try {
                    for (StreamStats stream : connection.streamStats()) {
                        if (last.put(stream.stream(), stream) == null) {
                            register(stream.stream());
                        }
                    }
                } catch (RuntimeException e) {
                    // Redis unreachable: keep the last known figures; readiness reports the outage.
                }
            }
            return last.size();
        }

        private void register(String stream) {
            gauge("redis_stream_length", stream, StreamStats::length, "Entries in the stream (acknowledged ones too, until trimmed)");
            gauge("redis_stream_pending", stream, StreamStats::pending, "Entries delivered to a processor and not yet acknowledged");
            gauge("redis_stream_lag", stream, StreamStats::undelivered, "Entries not yet delivered to the processors (the backlog)");
            gauge("redis_stream_dead_letters", stream, StreamStats::deadLetters, "Entries in the stream's dead-letter stream");
        }

        private void gauge(String name, String stream, ToLongFunction<StreamStats> figure, String description) {
            Gauge.builder(name, this, gauges -> {
                        gauges.refresh();
                        return figure.applyAsLong(gauges.last.get(stream));
                    })
                    .tag("stream", stream).strongReference(true).description(description).register(registry);
        }
    }

    private static final class CachedStats {
        private static final QueueStats UNKNOWN = new QueueStats(0, 0, Duration.ZERO, 0);
        private final QueueHealth queue;
        private final AtomicReference<QueueStats> last = new AtomicReference<>(UNKNOWN);
        private volatile long readAtNanos = System.nanoTime() - 2_000_000_000L;

        CachedStats(QueueHealth queue) {
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
