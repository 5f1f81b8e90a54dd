package app.tax.analytics.application.service;

import java.time.Duration;
import java.util.Objects;

/**
 * @param consumer       this worker's consumer name ({@code REDIS_CONSUMER_NAME})
 * @param batchSize      events per store write ({@code BATCH_SIZE})
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

    public static ProcessorSettings defaults(String consumer) {
        return new ProcessorSettings(consumer, 100, Duration.ofSeconds(1), Duration.ofSeconds(60), 5);
    }
}
