package app.tax.analytics.application.port.out;

import java.time.Duration;

/**
 * @param length      entries in the queue (stream length)
 * @param pending     delivered but not yet acknowledged
 * @param lag         age of the oldest entry not yet acknowledged (zero when caught up)
 * @param deadLetters entries moved to the dead-letter queue so far
 */
public record QueueStats(long length, long pending, Duration lag, long deadLetters) {
}
