package app.tax.analytics.bootstrap.config;

import app.tax.analytics.adapters.redis.RedisSettings;
import java.net.URI;
import java.net.URISyntaxException;
import picocli.CommandLine.Help.Visibility;
import picocli.CommandLine.Option;

/** The Redis stream between collectors and processors. */
public final class RedisOptions {
    @Option(names = "--redis-url", paramLabel = "URL", defaultValue = "${env:REDIS_URL}", showDefaultValue = Visibility.NEVER,
            description = "REDIS_URL: redis://[user:password@]host:port[/db] (rediss:// for TLS).")
    String url;

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
            URI uri = new URI(checked);
            if (!"redis".equals(uri.getScheme()) && !"rediss".equals(uri.getScheme()) || uri.getHost() == null) {
                throw new ConfigurationException("REDIS_URL must look like redis://host:6379 (got scheme '" + uri.getScheme() + "')");
            }
        } catch (URISyntaxException e) {
            throw new ConfigurationException("REDIS_URL is not a valid URL: " + e.getReason());
        }
        RedisSettings defaults = RedisSettings.defaults(checked);
        return new RedisSettings(checked, Values.text(streamKey, defaults.streamKey()),
                Values.text(consumerGroup, defaults.consumerGroup()), defaults.commandTimeout(),
                defaults.maxStreamLength(), defaults.maxDeliveries());
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
