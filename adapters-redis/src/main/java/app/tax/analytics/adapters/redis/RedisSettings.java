package app.tax.analytics.adapters.redis;

import java.time.Duration;
import java.util.Objects;

/**
 * How to reach Redis and which stream to use.
 *
 * @param url             {@code redis://[[user]:password@]host[:port][/db]} or {@code rediss://…} ({@code REDIS_URL})
 * @param streamKey       the events stream ({@code REDIS_STREAM_KEY}); dead letters go to {@code <streamKey>:dead}
 * @param consumerGroup   the processors' consumer group ({@code REDIS_CONSUMER_GROUP})
 * @param commandTimeout  longest wait for any command; blocking reads wait at most half of it
 * @param maxStreamLength a safety bound: while the stream holds more entries, publishing fails (back-pressure to
 *                        the collectors) instead of trimming entries that were not processed
 * @param maxDeliveries   an entry found delivered more often than this when claimed goes to the dead letters
 */
public record RedisSettings(String url, String streamKey, String consumerGroup, Duration commandTimeout,
                            long maxStreamLength, int maxDeliveries) {
    static final String DEFAULT_STREAM_KEY = "analytics_events";
    static final String DEFAULT_CONSUMER_GROUP = "processors";
    static final Duration DEFAULT_COMMAND_TIMEOUT = Duration.ofSeconds(5);
    static final long DEFAULT_MAX_STREAM_LENGTH = 1_000_000;
    static final int DEFAULT_MAX_DELIVERIES = 5;
    /** Below this, a blocking read (half the timeout) would be too short to be useful. */
    static final Duration SHORTEST_COMMAND_TIMEOUT = Duration.ofMillis(100);

    public RedisSettings {
        requireText(url, "url");
        requireText(streamKey, "streamKey");
        requireText(consumerGroup, "consumerGroup");
        Objects.requireNonNull(commandTimeout, "commandTimeout");
        if (commandTimeout.compareTo(SHORTEST_COMMAND_TIMEOUT) < 0) {
            throw new IllegalArgumentException("Redis command timeout must be at least " + SHORTEST_COMMAND_TIMEOUT.toMillis()
                    + " ms, was " + commandTimeout.toMillis() + " ms");
        }
        if (maxStreamLength < 1) {
            throw new IllegalArgumentException("Redis max stream length must be positive, was " + maxStreamLength);
        }
        if (maxDeliveries < 1) {
            throw new IllegalArgumentException("Redis max deliveries must be at least 1, was " + maxDeliveries);
        }
    }

    /** Stream {@code analytics_events}, group {@code processors}, 5 s timeout, 1 000 000 entries, 5 deliveries. */
    public static RedisSettings defaults(String url) {
        return new RedisSettings(url, DEFAULT_STREAM_KEY, DEFAULT_CONSUMER_GROUP, DEFAULT_COMMAND_TIMEOUT,
                DEFAULT_MAX_STREAM_LENGTH, DEFAULT_MAX_DELIVERIES);
    }

    /** The dead-letter stream's key. */
    String deadLetterKey() {
        return streamKey + ":dead";
    }

    /** Never shows the URL's password: settings end up in logs and exception messages. */
    @Override
    public String toString() {
        return "RedisSettings[url=" + Redaction.url(url) + ", streamKey=" + streamKey + ", consumerGroup=" + consumerGroup
                + ", commandTimeout=" + commandTimeout + ", maxStreamLength=" + maxStreamLength
                + ", maxDeliveries=" + maxDeliveries + "]";
    }

    private static void requireText(String value, String name) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("Redis setting " + name + " is required");
        }
    }
}
