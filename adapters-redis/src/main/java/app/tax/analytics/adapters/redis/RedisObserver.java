package app.tax.analytics.adapters.redis;

/** What the Redis adapters report for metrics. Called on Lettuce's and the callers' threads: keep it quick. */
public interface RedisObserver {
    RedisObserver NONE = new RedisObserver() {
    };

    /**
     * The queue moved an entry to the dead letters by itself: unreadable, or delivered too often. (Entries the
     * processor sets aside through {@code ConsumeEvents.deadLetter} are counted by the processor.)
     */
    default void deadLettered(String stream, String reason) {
    }

    /**
     * A cluster's topology is read again out of turn: {@code trigger} is {@code adaptive} (Lettuce saw a MOVED/ASK
     * redirection, a reconnection or an uncovered slot) or {@code failure} (a shard's master could not be used).
     * The periodic refreshes (every 5 s) are not reported: Lettuce records them only as JFR events.
     */
    default void topologyRefreshed(String trigger) {
    }

    /** A refresh found the cluster's topology changed (e.g. a replica promoted). */
    default void topologyChanged() {
    }
}
