package app.tax.analytics.adapters.redis;

import java.time.Duration;

/**
 * One stream of the queue, for metrics.
 *
 * @param stream                  the stream's key
 * @param length                  entries in it ({@code XLEN}: acknowledged ones too, until the next trim)
 * @param pending                 delivered to the consumer group and not yet acknowledged
 * @param undelivered             not yet delivered to the group (the group's lag in {@code XINFO GROUPS})
 * @param oldestUnacknowledgedAge age of the oldest entry not yet acknowledged (zero when caught up)
 * @param deadLetters             entries in its dead-letter stream
 */
public record StreamStats(String stream, long length, long pending, long undelivered, Duration oldestUnacknowledgedAge,
                          long deadLetters) {
}
