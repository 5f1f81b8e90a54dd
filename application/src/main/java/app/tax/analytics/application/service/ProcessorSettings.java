package app.tax.analytics.application.service;

import java.time.Duration;
import java.util.Objects;

/**
 * @param consumer       this worker's consumer name ({@code REDIS_CONSUMER_NAME})
 * @param batchSize      events per store write ({@code BATCH_SIZE}); under a backlog up to {@code backlogGroup}
 * @param flushInterval  longest wait before a partial batch is written ({@code FLUSH_INTERVAL_MS})
 * @param claimMinIdle   entries pending this long at another consumer are taken over (it is presumed dead)
 * @param maxDeliveries  an entry delivered more often than this goes to the dead-letter queue
 * @param backlogGroup   the most events one write takes when a backlog waits (a batch filled at once):
 *                       fewer, larger writes let a store catch up; {@code batchSize} for none
 */
public record ProcessorSettings(String consumer, int batchSize, Duration flushInterval, Duration claimMinIdle,
                                int maxDeliveries, int backlogGroup) {
    /**
     * Batches per write under a backlog for a worker whose queue is its own process's ({@code all}). DuckDB's
     * cost per event falls with the write's size (docs/PERFORMANCE.md, "Larger backlog groups"); at 50 the
     * collector's p99 rose to a second or more under load, so 25.
     */
    public static final int BACKLOG_BATCHES = 25;

    /** Without backlog groups: a worker holds at most one batch it has not written. */
    public ProcessorSettings(String consumer, int batchSize, Duration flushInterval, Duration claimMinIdle, int maxDeliveries) {
        this(consumer, batchSize, flushInterval, claimMinIdle, maxDeliveries, batchSize);
    }

    public ProcessorSettings {
        Objects.requireNonNull(consumer, "consumer");
        if (batchSize < 1 || batchSize > 100_000) {
            throw new IllegalArgumentException("batch size must be 1-100000");
        }
        if (flushInterval.isNegative() || flushInterval.isZero()) {
            throw new IllegalArgumentException("flush interval must be positive");
        }
        if (maxDeliveries < 1) {
            throw new IllegalArgumentException("max deliveries must be at least 1");
        }
        if (backlogGroup < batchSize || backlogGroup > 1_000_000) {
            throw new IllegalArgumentException("the backlog group must be from the batch size to 1000000");
        }
    }

    /** These settings with backlog groups of {@value #BACKLOG_BATCHES} batches. */
    public ProcessorSettings withBacklogGroups() {
        return new ProcessorSettings(consumer, batchSize, flushInterval, claimMinIdle, maxDeliveries, batchSize * BACKLOG_BATCHES);
    }

    public static ProcessorSettings defaults(String consumer) {
        return new ProcessorSettings(consumer, 100, Duration.ofSeconds(1), Duration.ofSeconds(60), 5);
    }
}
