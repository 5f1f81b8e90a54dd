package app.tax.analytics.bootstrap.config;

import app.tax.analytics.adapters.redis.RedisSettings;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import picocli.CommandLine.Help.Visibility;
import picocli.CommandLine.Option;

/** The Redis stream between collectors and processors. */
public final class RedisOptions {
    @Option(names = "--redis-url", paramLabel = "URL", defaultValue = "${env:REDIS_URL}", showDefaultValue = Visibility.NEVER,
            description = "REDIS_URL: redis://[user:password@]host:port[/db] (rediss:// for TLS); for a Redis Cluster any node, "
                    + "or a comma-separated list of seed nodes (redis://a:6379,b:6379).")
    String url;

    @Option(names = "--redis-cluster", paramLabel = "true|false", defaultValue = "${env:REDIS_CLUSTER}",
            description = "REDIS_CLUSTER: force Redis Cluster mode on or off. Default: found out (INFO cluster).")
    String cluster;

    @Option(names = "--redis-stream-shards", paramLabel = "N", defaultValue = "${env:REDIS_STREAM_SHARDS}",
            description = "REDIS_STREAM_SHARDS: streams the queue spreads over. Default 1 on one server, twice the masters on a cluster.")
    String streamShards;

    @Option(names = "--redis-min-replicas-ack", paramLabel = "N", defaultValue = "${env:REDIS_MIN_REPLICAS_ACK}",
            description = "REDIS_MIN_REPLICAS_ACK: replicas that must confirm each publication (WAIT) before the collector "
                    + "answers 2xx. Default 1 on a cluster with replicas, else 0.")
    String minReplicasAck;

    @Option(names = "--redis-replica-ack-timeout", paramLabel = "MS", defaultValue = "${env:REDIS_REPLICA_ACK_TIMEOUT_MS}",
            description = "REDIS_REPLICA_ACK_TIMEOUT_MS: how long publishing waits for those confirmations (then 503). Default 1000.")
    String replicaAckTimeout;

    @Option(names = "--redis-stream-key", paramLabel = "KEY", defaultValue = "${env:REDIS_STREAM_KEY}",
            description = "REDIS_STREAM_KEY: the stream events go through. Default analytics_events.")
    String streamKey;

    @Option(names = "--redis-consumer-group", paramLabel = "NAME", defaultValue = "${env:REDIS_CONSUMER_GROUP}",
            description = "REDIS_CONSUMER_GROUP: consumer group of the processors. Default processors.")
    String consumerGroup;

    @Option(names = "--redis-consumer-name", paramLabel = "NAME", defaultValue = "${env:REDIS_CONSUMER_NAME}",
            description = "REDIS_CONSUMER_NAME: this processor's name in the group; unique per process. Default: the host name.")
    String consumerName;

    public boolean isConfigured() {
        return Values.isSet(url);
    }

    public RedisSettings settings() {
        String checked = Values.required("REDIS_URL", url, "for this role");
        try {
            // A list of seed nodes: the first one shows the scheme; the adapter checks every entry.
            URI uri = new URI(checked.split(",")[0].strip());
            if (!"redis".equals(uri.getScheme()) && !"rediss".equals(uri.getScheme()) || uri.getHost() == null) {
                throw new ConfigurationException("REDIS_URL must look like redis://host:6379 (got scheme '" + uri.getScheme() + "')");
            }
        } catch (URISyntaxException e) {
            throw new ConfigurationException("REDIS_URL is not a valid URL: " + e.getReason());
        }
        RedisSettings defaults = RedisSettings.defaults(checked);
        Boolean forcedCluster = Values.isSet(cluster) ? Values.bool("REDIS_CLUSTER", cluster, false) : null;
        int shards = Values.integer("REDIS_STREAM_SHARDS", streamShards, 0, 1, 1_024);
        int replicas = Values.integer("REDIS_MIN_REPLICAS_ACK", minReplicasAck, -1, 0, 16);
        Duration ackTimeout = Values.isSet(replicaAckTimeout)
                ? Duration.ofMillis(Values.integer("REDIS_REPLICA_ACK_TIMEOUT_MS", replicaAckTimeout, 1_000, 1,
                        (int) defaults.commandTimeout().toMillis() - 1))
                : null;
        return new RedisSettings(checked, Values.text(streamKey, defaults.streamKey()),
                Values.text(consumerGroup, defaults.consumerGroup()), defaults.commandTimeout(),
                defaults.maxStreamLength(), defaults.maxDeliveries()).withCluster(forcedCluster, shards, replicas, ackTimeout);
    }

    public String streamKey() {
        return Values.text(streamKey, "analytics_events");
    }

    public String consumerName() {
        if (Values.isSet(consumerName)) {
            return consumerName.strip();
        }
        String host = System.getenv("HOSTNAME");
        if (host == null || host.isBlank()) {
            try {
                host = java.net.InetAddress.getLocalHost().getHostName();
            } catch (java.net.UnknownHostException e) {
                host = "processor";
            }
        }
        return host + "-" + ProcessHandle.current().pid();
    }
}
