package app.tax.analytics.adapters.redis;

import app.tax.analytics.application.logging.RepeatedWarning;
import io.lettuce.core.ClientOptions;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.codec.StringCodec;
import io.lettuce.core.resource.ClientResources;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;

/**
 * Finds out whether the seeds are one server or a cluster ({@code INFO cluster}), unless the settings force it,
 * and opens the matching {@link RedisDeployment}. While no seed answers, callers fail at once until the retry
 * interval has passed, as connections do.
 */
final class DeploymentResolver implements DeploymentSource, AutoCloseable {
    private static final System.Logger LOG = System.getLogger(DeploymentResolver.class.getName());

    private final Boolean forcedCluster;
    private final List<RedisURI> seeds;
    private final ClientResources resources;
    private final ClientOptions options;
    private final Duration retryInterval;
    private final RedisObserver observer;
    private final RepeatedWarning unreachable = new RepeatedWarning(LOG, Duration.ofSeconds(30), System::nanoTime);
    private volatile RedisDeployment resolved;
    private long nextAttemptNanos = System.nanoTime();
    private boolean closed;

    DeploymentResolver(Boolean forcedCluster, List<RedisURI> seeds, ClientResources resources, ClientOptions options,
                       Duration retryInterval, RedisObserver observer) {
        if (seeds.isEmpty()) {
            throw new IllegalArgumentException("no Redis node to connect to");
        }
        this.forcedCluster = forcedCluster;
        this.seeds = List.copyOf(seeds);
        this.resources = resources;
        this.options = options;
        this.retryInterval = retryInterval;
        this.observer = observer;
    }

    /** Resolves (and starts connecting) without holding up the caller. */
    void resolveInBackground() {
        CompletableFuture.runAsync(() -> {
            try {
                deployment(LettuceRedisConnection.READINESS_TIMEOUT.multipliedBy(5)).commands().connectInBackground();
            } catch (RedisCommandFailedException e) {
                // Logged (rate limited) by the attempt; the next use tries again.
            }
        });
    }

    @Override
    public RedisDeployment deployment(Duration timeout) {
        RedisDeployment known = resolved;
        return known != null ? known : resolve(timeout);
    }

    @Override
    public void ifResolved(Consumer<RedisDeployment> action) {
        RedisDeployment known = resolved;
        if (known != null) {
            action.accept(known);
        }
    }

    private synchronized RedisDeployment resolve(Duration timeout) {
        if (resolved != null) {
            return resolved;
        }
        if (closed) {
            throw new RedisCommandFailedException("the Redis connection is closed", null);
        }
        if (System.nanoTime() - nextAttemptNanos < 0) {
            throw new RedisCommandFailedException("Redis could not be reached; trying again every "
                    + retryInterval.toMillis() + " ms", null);
        }
        try {
            boolean cluster = forcedCluster != null ? forcedCluster : isCluster(timeout);
            resolved = cluster ? new RedisDeployment.Cluster(resources, options, seeds, retryInterval, observer)
                    : new RedisDeployment.Standalone(resources, options, seeds.get(0), retryInterval);
            LOG.log(System.Logger.Level.INFO, "Redis is {0}{1}", cluster ? "a cluster" : "one server",
                    forcedCluster == null ? " (found out)" : " (REDIS_CLUSTER)");
            return resolved;
        } catch (RedisCommandFailedException e) {
            nextAttemptNanos = System.nanoTime() + retryInterval.toNanos();
            unreachable.warn("cannot find out whether Redis is a cluster, retrying on use: " + e.getMessage());
            throw e;
        }
    }

    /** Asks the seeds in turn until one answers. */
    private boolean isCluster(Duration timeout) {
        List<String> failures = new ArrayList<>();
        for (RedisURI seed : seeds) {
            RedisClient probe = RedisClient.create(resources);
            probe.setOptions(options);
            try {
                StatefulRedisConnection<String, String> connection = RedisCalls.await("connecting to Redis", timeout,
                        () -> probe.connectAsync(StringCodec.UTF8, seed));
                try {
                    String info = RedisCalls.await("INFO cluster", timeout, () -> connection.async().info("cluster"));
                    return RedisDeployment.infoNumber(info, "cluster_enabled") == 1;
                } finally {
                    connection.close();
                }
            } catch (RedisCommandFailedException e) {
                failures.add(e.getMessage());
            } finally {
                probe.shutdown(Duration.ZERO, LettuceRedisConnection.SHUTDOWN_TIMEOUT);
            }
        }
        throw new RedisCommandFailedException("no Redis node answered: " + String.join("; ", failures), null);
    }

    @Override
    public synchronized void close() {
        closed = true;
        if (resolved != null) {
            resolved.close();
        }
    }
}
