package app.tax.analytics.adapters.redis;

import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;

/** A plain client for looking behind the adapters (and cleaning up after them) in tests. */
final class RawRedis implements AutoCloseable {
    private final RedisClient client;
    private final StatefulRedisConnection<String, String> connection;

    RawRedis(String url) {
        client = RedisClient.create(url);
        connection = client.connect();
    }

    RedisCommands<String, String> commands() {
        return connection.sync();
    }

    @Override
    public void close() {
        connection.close();
        client.shutdown();
    }
}
