package app.tax.analytics.adapters.redis;

import app.tax.analytics.application.port.out.DailySalts;
import app.tax.analytics.application.port.out.ScheduleLock;
import app.tax.analytics.application.port.out.RateLimiter;
import app.tax.analytics.application.port.out.SessionState;
import java.time.Duration;

/**
 * Everything a role needs from one Redis: the event queue, the shared rate limiter, the shared session state and
 * the daily salts of cookieless visitor ids.
 * Safe for concurrent use. Connects lazily and reconnects by itself; while Redis is unreachable, publishing fails
 * fast with {@code QueueUnavailableException}, the rate limiter allows, and the other operations throw unchecked
 * exceptions.
 */
public interface RedisConnection extends AutoCloseable {

    /** The stream queue of the settings' stream and consumer group (one instance per connection). */
    RedisQueue eventQueue();

    /** A fixed-window limiter allowing {@code maxRequests} per key and {@code window}, shared through Redis. */
    RateLimiter rateLimiter(int maxRequests, Duration window);

    SessionState sessionState();

    /** The daily salts of cookieless visitor ids, shared by every collector; each expires 48 hours after it was made. */
    DailySalts dailySalts();

    /** Locks that let one process of the cluster run a scheduled job (the dashboards' e-mail reports). */
    ScheduleLock scheduleLock();

    /**
     * Whether an event can be published now (for {@code /health/ready}): every stream an event may go to is on a
     * node that answers, which on a cluster means every shard's slot is served.
     */
    boolean isReady();

    /**
     * The figures of each stream of the queue (for metrics).
     *
     * @throws RuntimeException when Redis cannot be asked
     */
    java.util.List<StreamStats> streamStats();

    /** Closes every connection and releases the client's threads. */
    @Override
    void close();
}
