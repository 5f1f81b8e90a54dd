package app.tax.analytics.adapters.redis;

import io.lettuce.core.ClientOptions;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.cluster.ClusterClientOptions;
import io.lettuce.core.cluster.ClusterTopologyRefreshOptions;
import io.lettuce.core.cluster.RedisClusterClient;
import io.lettuce.core.cluster.SlotHash;
import io.lettuce.core.cluster.api.StatefulRedisClusterConnection;
import io.lettuce.core.cluster.api.async.RedisClusterAsyncCommands;
import io.lettuce.core.cluster.event.ClusterTopologyChangedEvent;
import io.lettuce.core.cluster.models.partitions.RedisClusterNode;
import io.lettuce.core.codec.StringCodec;
import io.lettuce.core.event.cluster.AdaptiveRefreshTriggeredEvent;
import io.lettuce.core.resource.ClientResources;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Where the commands go: one Redis server, or a Redis Cluster, whose commands Lettuce routes by key slot and whose
 * topology it refreshes periodically and on MOVED/ASK redirections and reconnections. Which of the two is forced by
 * the settings or found out on first use ({@code INFO cluster}: {@code cluster_enabled:1}); until Redis answers,
 * every use fails fast (and tries again after the retry interval), as the connections themselves do.
 */
abstract sealed class RedisDeployment implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger(RedisDeployment.class.getName());
    /** How often a cluster's topology is read again even when nothing failed. */
    static final Duration PERIODIC_REFRESH = Duration.ofSeconds(5);
    /** Adaptive refreshes (and ours after a failure) at most this often. */
    static final Duration SHORTEST_REFRESH_INTERVAL = Duration.ofMillis(250);

    /** What the deployment looks like now. */
    record Topology(boolean cluster, int masters, int replicas) {
    }

    /** The shared multiplexed connection for everything but blocking reads. */
    abstract LazyConnection commands();

    /** A connection of its own for one consumer's blocking reads. */
    abstract LazyConnection newReaderConnection(String consumer);

    /**
     * The connection that writes {@code key}: on a cluster, the one to the master serving its slot, so that a
     * {@code WAIT} after the write counts the replicas of that write (WAIT is per connection); on one server, the
     * shared one.
     */
    abstract RedisClusterAsyncCommands<String, String> writerFor(String key, Duration timeout);

    abstract Topology topology(Duration timeout);

    /** After a command failed in a way that may mean the topology changed: read it again soon (rate limited). */
    abstract void topologyMayHaveChanged();

    @Override
    public abstract void close();

    /** One server (or a primary with replicas behind one address). */
    static final class Standalone extends RedisDeployment {
        private final RedisClient client;
        private final RedisURI uri;
        private final LazyConnection commands;
        private final Duration retryInterval;

        Standalone(ClientResources resources, ClientOptions options, RedisURI uri, Duration retryInterval) {
            this.client = RedisClient.create(resources);
            client.setOptions(options);
            this.uri = uri;
            this.retryInterval = retryInterval;
            this.commands = new LazyConnection(() -> client.connectAsync(StringCodec.UTF8, uri), "commands", retryInterval);
        }

        @Override
        LazyConnection commands() {
            return commands;
        }

        @Override
        LazyConnection newReaderConnection(String consumer) {
            return new LazyConnection(() -> client.connectAsync(StringCodec.UTF8, uri), "reads of consumer " + consumer, retryInterval);
        }

        @Override
        RedisClusterAsyncCommands<String, String> writerFor(String key, Duration timeout) {
            return commands.commands(timeout);
        }

        @Override
        Topology topology(Duration timeout) {
            String replication = RedisCalls.await("INFO replication", timeout, () -> commands.commands(timeout).info("replication"));
            return new Topology(false, 1, (int) onlineReplicas(replication));
        }

        @Override
        void topologyMayHaveChanged() {
            // One server: nothing to find out.
        }

        @Override
        public void close() {
            commands.close();
            client.shutdown(Duration.ZERO, LettuceRedisConnection.SHUTDOWN_TIMEOUT);
        }
    }

    /** A Redis Cluster reached through any of its nodes. */
    static final class Cluster extends RedisDeployment {
        private final RedisClusterClient client;
        private final LazyConnection commands;
        private final Duration retryInterval;
        private final AtomicLong lastRefreshNanos = new AtomicLong(System.nanoTime() - SHORTEST_REFRESH_INTERVAL.toNanos());
        private final Map<String, Boolean> writersSeen = new ConcurrentHashMap<>();
        private final RedisObserver observer;

        Cluster(ClientResources resources, ClientOptions options, List<RedisURI> seeds, Duration retryInterval,
                RedisObserver observer) {
            this.client = RedisClusterClient.create(resources, seeds);
            client.setOptions(ClusterClientOptions.builder(options)
                    .disconnectedBehavior(ClientOptions.DisconnectedBehavior.ACCEPT_COMMANDS)
                    .topologyRefreshOptions(ClusterTopologyRefreshOptions.builder()
                            .enablePeriodicRefresh(PERIODIC_REFRESH)
                            .enableAllAdaptiveRefreshTriggers()
                            .adaptiveRefreshTriggersTimeout(SHORTEST_REFRESH_INTERVAL)
                            .refreshTriggersReconnectAttempts(1)
                            .build())
                    .build());
            this.retryInterval = retryInterval;
            this.commands = new LazyConnection(this::connect, "commands", retryInterval);
            this.observer = observer;
            resources.eventBus().get().subscribe(event -> {
                if (event instanceof AdaptiveRefreshTriggeredEvent) {
                    observer.topologyRefreshed("adaptive");
                } else if (event instanceof ClusterTopologyChangedEvent) {
                    observer.topologyChanged();
                }
            });
        }

        @Override
        LazyConnection commands() {
            return commands;
        }

        @Override
        LazyConnection newReaderConnection(String consumer) {
            return new LazyConnection(this::connect, "reads of consumer " + consumer, retryInterval);
        }

        /** Reads the topology first: Lettuce's asynchronous connect needs it and does not read it itself. */
        private CompletionStage<StatefulRedisClusterConnection<String, String>> connect() {
            return client.refreshPartitionsAsync().thenCompose(ignored -> client.connectAsync(StringCodec.UTF8));
        }

        @Override
        RedisClusterAsyncCommands<String, String> writerFor(String key, Duration timeout) {
            @SuppressWarnings("unchecked")
            StatefulRedisClusterConnection<String, String> cluster = (StatefulRedisClusterConnection<String, String>) commands.connection(timeout);
            int slot = SlotHash.getSlot(key);
            RedisClusterNode master = cluster.getPartitions().getMasterBySlot(slot);
            if (master == null) {
                topologyMayHaveChanged();
                throw new RedisCommandFailedException("no master serves slot " + slot + " (of " + key + ") now", null);
            }
            StatefulRedisConnection<String, String> node = RedisCalls.await("connecting to the master of slot " + slot, timeout,
                    () -> cluster.getConnectionAsync(master.getNodeId()));
            if (!node.isOpen()) {
                // Lost (its master probably died): fail now rather than after the command timeout; a refresh finds
                // the replica that takes over.
                topologyMayHaveChanged();
                throw new RedisCommandFailedException("the master of slot " + slot + " is not reachable now", null);
            }
            if (writersSeen.putIfAbsent(master.getNodeId(), Boolean.TRUE) == null) {
                LOG.log(System.Logger.Level.INFO, "writing slot {0} to cluster node {1}", slot, master.getNodeId());
            }
            return node.async();
        }

        @Override
        Topology topology(Duration timeout) {
            @SuppressWarnings("unchecked")
            StatefulRedisClusterConnection<String, String> cluster = (StatefulRedisClusterConnection<String, String>) commands.connection(timeout);
            int masters = 0;
            int replicas = 0;
            for (RedisClusterNode node : cluster.getPartitions()) {
                boolean failed = node.is(RedisClusterNode.NodeFlag.FAIL) || node.is(RedisClusterNode.NodeFlag.EVENTUAL_FAIL);
                // A failed master still serving slots counts: the shard count must not depend on a failover in progress.
                if (node.is(RedisClusterNode.NodeFlag.UPSTREAM) && !node.getSlots().isEmpty()) {
                    masters++;
                } else if (node.is(RedisClusterNode.NodeFlag.REPLICA) && !failed) {
                    replicas++;
                }
            }
            return new Topology(true, Math.max(1, masters), replicas);
        }

        @Override
        void topologyMayHaveChanged() {
            long now = System.nanoTime();
            long last = lastRefreshNanos.get();
            if (now - last >= SHORTEST_REFRESH_INTERVAL.toNanos() && lastRefreshNanos.compareAndSet(last, now)) {
                observer.topologyRefreshed("failure");
                client.refreshPartitionsAsync();
            }
        }

        @Override
        public void close() {
            commands.close();
            client.shutdown(Duration.ZERO, LettuceRedisConnection.SHUTDOWN_TIMEOUT);
        }
    }

    /** Replicas past their first synchronisation ({@code state=online}) in an {@code INFO replication} reply. */
    static long onlineReplicas(String replicationInfo) {
        return replicationInfo.lines().filter(line -> line.startsWith("slave") && line.contains("state=online")).count();
    }

    /** The number after {@code name:} in an INFO reply, or 0. */
    static long infoNumber(String info, String name) {
        for (String line : info.split("\r?\n")) {
            if (line.startsWith(name + ":")) {
                return Long.parseLong(line.substring(name.length() + 1).strip());
            }
        }
        return 0;
    }
}
