package app.tax.analytics.application.service;

import java.time.Duration;
import java.util.Objects;

/**
 * @param consumer       this worker's consumer name ({@code REDIS_CONSUMER_NAME})
 * @param batchSize      events per store write ({@code BATCH_SIZE}); under a backlog up to {@link #backlogGroup()}
 * @param flushInterval  longest wait before a partial batch is written ({@code FLUSH_INTERVAL_MS})
 * @param claimMinIdle   entries pending this long at another consumer are taken over (it is presumed dead)
 * @param maxDeliveries  an entry delivered more often than this goes to the dead-letter queue
 */
public record ProcessorSettings(String consumer, int batchSize, Duration flushInterval, Duration claimMinIdle,
                                int maxDeliveries) {
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
    }

    /** Batches per write when a backlog waits: fewer commits let the store catch up (issue 15). */
    public static final int BACKLOG_BATCHES = 10;

    /** The most events one write takes while a backlog waits: {@value #BACKLOG_BATCHES} batches, at most 100000. */
    public int backlogGroup() {
        return Math.min(100_000, batchSize * BACKLOG_BATCHES);
    }

    public static ProcessorSettings defaults(String consumer) {
        return new ProcessorSettings(consumer, 100, Duration.ofSeconds(1), Duration.ofSeconds(60), 5);
    }
}
