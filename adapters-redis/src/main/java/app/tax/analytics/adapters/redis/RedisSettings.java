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
 * @param cluster         {@code REDIS_CLUSTER}: true or false forces the mode; null finds it out ({@code INFO cluster})
 * @param streamShards    {@code REDIS_STREAM_SHARDS}: streams the queue spreads over; 0 for the default (1 on one
 *                        server, twice the masters on a cluster)
 * @param minReplicasAck  {@code REDIS_MIN_REPLICAS_ACK}: replicas that must confirm a publication ({@code WAIT})
 *                        before it counts as done; -1 for the default (1 on a cluster with replicas, else 0)
 * @param replicaAckTimeout how long publishing waits for those confirmations before failing
 */
public record RedisSettings(String url, String streamKey, String consumerGroup, Duration commandTimeout,
                            long maxStreamLength, int maxDeliveries, Boolean cluster, int streamShards,
                            int minReplicasAck, Duration replicaAckTimeout) {
    static final String DEFAULT_STREAM_KEY = "analytics_events";
    static final String DEFAULT_CONSUMER_GROUP = "processors";
    static final Duration DEFAULT_COMMAND_TIMEOUT = Duration.ofSeconds(5);
    static final long DEFAULT_MAX_STREAM_LENGTH = 1_000_000;
    static final int DEFAULT_MAX_DELIVERIES = 5;
    static final Duration DEFAULT_REPLICA_ACK_TIMEOUT = Duration.ofSeconds(1);
    /** Bounds the streams a processor sweeps per read. */
    static final int MOST_SHARDS = 1_024;
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
        if (streamShards < 0 || streamShards > MOST_SHARDS) {
            throw new IllegalArgumentException("REDIS_STREAM_SHARDS must be 1-" + MOST_SHARDS + " (or unset), was " + streamShards);
        }
        if (minReplicasAck < -1) {
            throw new IllegalArgumentException("REDIS_MIN_REPLICAS_ACK must be 0 or more (or unset), was " + minReplicasAck);
        }
        Objects.requireNonNull(replicaAckTimeout, "replicaAckTimeout");
        if (replicaAckTimeout.toMillis() < 1 || replicaAckTimeout.compareTo(commandTimeout) >= 0) {
            throw new IllegalArgumentException("the replica acknowledgement timeout must be 1 ms or more and shorter than the "
                    + "command timeout (" + commandTimeout.toMillis() + " ms), was " + replicaAckTimeout.toMillis() + " ms");
        }
    }

    /** One server or cluster found out by itself, default shards and replica acknowledgements. */
    public RedisSettings(String url, String streamKey, String consumerGroup, Duration commandTimeout,
                         long maxStreamLength, int maxDeliveries) {
        this(url, streamKey, consumerGroup, commandTimeout, maxStreamLength, maxDeliveries, null, 0, -1,
                shorterOf(DEFAULT_REPLICA_ACK_TIMEOUT, commandTimeout == null ? null : commandTimeout.dividedBy(2)));
    }

    /** The same settings with the cluster options given (null, 0 and -1 for "the default"). */
    public RedisSettings withCluster(Boolean forceCluster, int shards, int replicasToConfirm, Duration ackTimeout) {
        return new RedisSettings(url, streamKey, consumerGroup, commandTimeout, maxStreamLength, maxDeliveries,
                forceCluster, shards, replicasToConfirm, ackTimeout == null ? replicaAckTimeout : ackTimeout);
    }

    private static Duration shorterOf(Duration a, Duration b) {
        return b == null || a.compareTo(b) <= 0 ? a : b;
    }

    /** Stream {@code analytics_events}, group {@code processors}, 5 s timeout, 1 000 000 entries, 5 deliveries. */
    public static RedisSettings defaults(String url) {
        return new RedisSettings(url, DEFAULT_STREAM_KEY, DEFAULT_CONSUMER_GROUP, DEFAULT_COMMAND_TIMEOUT,
                DEFAULT_MAX_STREAM_LENGTH, DEFAULT_MAX_DELIVERIES);
    }

    /** The dead-letter stream's key of the single stream of one server (the layout before sharding). */
    String deadLetterKey() {
        return streamKey + ":dead";
    }

    /** Never shows the URL's password: settings end up in logs and exception messages. */
    @Override
    public String toString() {
        return "RedisSettings[url=" + Redaction.url(url) + ", streamKey=" + streamKey + ", consumerGroup=" + consumerGroup
                + ", commandTimeout=" + commandTimeout + ", maxStreamLength=" + maxStreamLength
                + ", maxDeliveries=" + maxDeliveries + ", cluster=" + (cluster == null ? "detect" : cluster)
                + ", streamShards=" + (streamShards == 0 ? "default" : streamShards)
                + ", minReplicasAck=" + (minReplicasAck < 0 ? "default" : minReplicasAck)
                + ", replicaAckTimeout=" + replicaAckTimeout + "]";
    }

    private static void requireText(String value, String name) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("Redis setting " + name + " is required");
        }
    }
}
