package app.tax.analytics.bootstrap.roles;

import app.tax.analytics.adapters.clickhouse.ClickHouseAdapters;
import app.tax.analytics.adapters.clickhouse.ClickHouseConnection;
import app.tax.analytics.adapters.http.Dependency;
import app.tax.analytics.adapters.http.HttpServers;
import app.tax.analytics.adapters.http.RunningServer;
import app.tax.analytics.adapters.redis.RedisAdapters;
import app.tax.analytics.adapters.redis.RedisConnection;
import app.tax.analytics.application.service.ReleaseMarkers;
import app.tax.analytics.bootstrap.config.ClickHouseOptions;
import app.tax.analytics.bootstrap.config.ProcessingOptions;
import app.tax.analytics.bootstrap.config.RedisOptions;
import app.tax.analytics.bootstrap.config.Values;
import app.tax.analytics.bootstrap.wiring.Metrics;
import app.tax.analytics.bootstrap.wiring.Resources;
import app.tax.analytics.bootstrap.wiring.StoreDiskMetrics;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.PrintStream;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "processor", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"A worker of the consumer group: reads the Redis stream, enriches events and writes them to ClickHouse in batches.",
                "Needs REDIS_URL and CLICKHOUSE_HOST. Serves only /health, /health/ready and /metrics."})
public final class ProcessorCommand extends RoleCommand {
    @Option(names = "--port", paramLabel = "PORT", defaultValue = "${env:PORT}",
            description = "PORT: port of /health and /metrics. Default 9464.")
    String port;

    @Mixin
    RedisOptions redis;
    @Mixin
    ClickHouseOptions clickhouse;
    @Mixin
    ProcessingOptions processing;

    @Override
    public RunningRole start(PrintStream out) {
        int portNumber = Values.port("PORT", port, 9464);
        var redisSettings = redis.settings();
        var clickhouseSettings = clickhouse.settings();
        processing.check();
        String consumer = redis.consumerName();
        Resources resources = new Resources();
        try {
            PrometheusMeterRegistry registry = Metrics.registry("processor", resources);
            RedisConnection queueConnection = resources.add(RedisAdapters.connect(redisSettings, Metrics.redisObserver(registry)));
            ClickHouseConnection storeConnection = resources.add(ClickHouseAdapters.connect(clickhouseSettings));
            Metrics.redisQueueGauges(registry, queueConnection, redis.streamKey());
            resources.add(StoreDiskMetrics.start(registry, "clickhouse", StoreDiskMetrics.clickhouse(storeConnection)));
            resources.add(Pipeline.startWorker(queueConnection.eventQueue(),
                    new ReleaseMarkers(storeConnection.events(), storeConnection.annotations()),
                    Pipeline.enricher(processing, queueConnection.sessionState(), resources, registry), Metrics.pipeline(registry),
                    processing, consumer));
            RunningServer server = resources.add(HttpServers.healthAndMetrics(portNumber, List.of(
                    new Dependency("redis", queueConnection::isReady),
                    new Dependency("clickhouse", storeConnection::isReady)), registry));
            out.println("Processor '" + consumer + "' running; health and metrics on http://localhost:" + server.port());
            // Closing stops the worker after the batch in progress, so it is acknowledged rather than re-delivered.
            return new RunningRole(Map.of("metrics", server.port()), resources::close);
        } catch (RuntimeException e) {
            resources.close();
            throw e;
        }
    }
}
