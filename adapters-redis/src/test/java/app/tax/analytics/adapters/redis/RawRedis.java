package app.tax.analytics.adapters.redis;

import io.lettuce.core.AbstractRedisClient;
import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulConnection;
import io.lettuce.core.cluster.RedisClusterClient;
import io.lettuce.core.cluster.api.sync.RedisClusterCommands;

/** A plain client for looking behind the adapters (and cleaning up after them) in tests, on one server or a cluster. */
final class RawRedis implements AutoCloseable {
    private final AbstractRedisClient client;
    private final StatefulConnection<String, String> connection;
    private final RedisClusterCommands<String, String> commands;

    private RawRedis(AbstractRedisClient client, StatefulConnection<String, String> connection,
                     RedisClusterCommands<String, String> commands) {
        this.client = client;
        this.connection = connection;
        this.commands = commands;
    }

    static RawRedis standalone(String url) {
        RedisClient client = RedisClient.create(url);
        var connection = client.connect();
        return new RawRedis(client, connection, connection.sync());
    }

    static RawRedis cluster(String url) {
        RedisClusterClient client = RedisClusterClient.create(url);
        var connection = client.connect();
        return new RawRedis(client, connection, connection.sync());
    }

    RedisClusterCommands<String, String> commands() {
        return commands;
    }

    /** How often the server (one server: not for a cluster's client) has run {@code command} (INFO commandstats). */
    long calls(String command) {
        for (String line : commands.info("commandstats").split("\\r?\\n")) {
            if (line.startsWith("cmdstat_" + command + ":")) {
                String calls = line.substring(line.indexOf("calls=") + "calls=".length());
                return Long.parseLong(calls.substring(0, calls.indexOf(',')));
            }
        }
        return 0;
    }

    @Override
    public void close() {
        connection.close();
        client.shutdown();
    }
}
