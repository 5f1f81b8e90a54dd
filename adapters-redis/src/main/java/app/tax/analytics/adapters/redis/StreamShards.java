package app.tax.analytics.adapters.redis;

import app.tax.analytics.domain.event.Event;
import io.lettuce.core.cluster.api.async.RedisClusterAsyncCommands;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Supplier;
import java.util.zip.CRC32;

/**
 * The queue's streams. On one server with one shard, the stream is {@code <key>} itself (the layout before
 * sharding, so existing deployments keep their stream); otherwise shard {@code i} is {@code <key>:{i}}, whose hash
 * tag puts it, its dead letters {@code <key>:{i}:dead} and every script call on both in one cluster slot. An event
 * goes to the shard of a hash of (source, visitor), so one visitor's events stay in order in one stream.
 * <p>
 * Every stream ever published to is recorded in the set {@code <key>:shards}, and readers read every stream in that
 * set, those of their own layout and the unsharded {@code <key>} while it exists: changing the shard count leaves
 * the old shards to be drained, never abandoned.
 */
final class StreamShards {
    /** How often readers look for streams added by collectors with another shard count. */
    static final Duration READABLE_REFRESH = Duration.ofSeconds(10);

    private final RedisSettings settings;
    private final DeploymentSource deployment;
    private final Supplier<RedisClusterAsyncCommands<String, String>> commands;
    private volatile Layout layout;
    private volatile boolean registered;
    private volatile List<String> readable;
    private volatile long readableAtNanos;

    /**
     * The streams events are published to, and how many replicas must confirm each publication.
     */
    record Layout(List<String> streams, int replicasToConfirm) {
        Layout {
            streams = List.copyOf(streams);
        }

        String streamFor(Event event) {
            return streams.get(shardOf(event.source(), event.visitorId(), streams.size()));
        }
    }

    StreamShards(RedisSettings settings, DeploymentSource deployment, Supplier<RedisClusterAsyncCommands<String, String>> commands) {
        this.settings = settings;
        this.deployment = deployment;
        this.commands = commands;
    }

    /** The same for every collector, whatever its JVM: CRC-32 of source and visitor. */
    static int shardOf(String source, String visitorId, int shards) {
        CRC32 crc = new CRC32();
        crc.update(source.getBytes(StandardCharsets.UTF_8));
        crc.update(0);
        crc.update(visitorId.getBytes(StandardCharsets.UTF_8));
        return (int) (crc.getValue() % shards);
    }

    static String deadLetterKey(String stream) {
        return stream + ":dead";
    }

    static List<String> streamKeys(String base, boolean cluster, int shards) {
        if (!cluster && shards == 1) {
            return List.of(base);
        }
        List<String> keys = new ArrayList<>(shards);
        for (int i = 0; i < shards; i++) {
            keys.add(base + ":{" + i + "}");
        }
        return keys;
    }

    /** Found out once, from the settings and the deployment (the shard count's default is twice the masters). */
    Layout layout(Duration timeout) {
        Layout known = layout;
        if (known != null) {
            return known;
        }
        RedisDeployment.Topology topology = deployment.deployment(timeout).topology(timeout);
        int shards = settings.streamShards() > 0 ? settings.streamShards() : topology.cluster() ? topology.masters() * 2 : 1;
        int replicas = settings.minReplicasAck() >= 0 ? settings.minReplicasAck()
                : topology.cluster() && topology.replicas() > 0 ? 1 : 0;
        Layout found = new Layout(streamKeys(settings.streamKey(), topology.cluster(), shards), replicas);
        System.getLogger(StreamShards.class.getName()).log(System.Logger.Level.INFO,
                "queue on {0} stream(s) {1}, publications confirmed by {2} replica(s)", shards,
                shards == 1 ? found.streams().get(0) : settings.streamKey() + ":{0.." + (shards - 1) + "}", replicas);
        layout = found;
        return found;
    }

    /** Records this layout's streams for the readers, once (before the first publication). */
    void registerForReaders(Layout current) {
        if (registered) {
            return;
        }
        String[] streams = current.streams().toArray(String[]::new);
        RedisCalls.await("SADD " + registryKey(), settings.commandTimeout(), () -> commands.get().sadd(registryKey(), streams));
        registered = true;
    }

    /** Every stream to read, sorted. */
    List<String> readable(Duration timeout) {
        List<String> known = readable;
        if (known != null && System.nanoTime() - readableAtNanos < READABLE_REFRESH.toNanos()) {
            return known;
        }
        Set<String> streams = new TreeSet<>(layout(timeout).streams());
        try {
            streams.addAll(RedisCalls.await("SMEMBERS " + registryKey(), timeout, () -> commands.get().smembers(registryKey())));
            String unsharded = settings.streamKey();
            if (!streams.contains(unsharded)
                    && RedisCalls.await("EXISTS " + unsharded, timeout, () -> commands.get().exists(unsharded)) > 0) {
                streams.add(unsharded);
            }
        } catch (RedisCommandFailedException e) {
            if (known == null) {
                throw e;
            }
            // The registry's slot is away (a failover): go on with the streams known, look again later.
            readableAtNanos = System.nanoTime();
            return known;
        }
        List<String> found = List.copyOf(streams);
        readable = found;
        readableAtNanos = System.nanoTime();
        return found;
    }

    String registryKey() {
        return settings.streamKey() + ":shards";
    }
}
