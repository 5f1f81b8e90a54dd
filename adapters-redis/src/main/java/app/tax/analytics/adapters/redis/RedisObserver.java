package app.tax.analytics.adapters.redis;

/** What the Redis adapters report for metrics. Called on Lettuce's and the callers' threads: keep it quick. */
public interface RedisObserver {
    RedisObserver NONE = new RedisObserver() {
    };

    /**
     * The queue moved an entry to the dead letters by itself: unreadable, or delivered too often. (Entries the
     * processor sets aside through {@code EventQueue.deadLetter} are counted by the processor.)
     */
    default void deadLettered(String stream, String reason) {
    }

    /** The client read a cluster's topology (periodically, or after a redirection or reconnection). */
    default void topologyRefreshed() {
    }
}
