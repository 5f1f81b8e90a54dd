package app.tax.analytics.adapters.redis;

import io.lettuce.core.cluster.api.async.RedisClusterAsyncCommands;
import java.time.Duration;

/** Commands on one server or routed by key slot on a cluster: what the single-key adapters need. */
@FunctionalInterface
interface CommandsSource {

    /** Connecting first if needed, waiting at most {@code timeout}. */
    RedisClusterAsyncCommands<String, String> commands(Duration timeout);
}
