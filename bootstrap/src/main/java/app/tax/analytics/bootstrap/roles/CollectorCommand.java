package app.tax.analytics.bootstrap.roles;

import app.tax.analytics.adapters.http.Dependency;
import app.tax.analytics.adapters.http.HttpServers;
import app.tax.analytics.adapters.http.RunningServer;
import app.tax.analytics.adapters.redis.RedisAdapters;
import app.tax.analytics.adapters.redis.RedisConnection;
import app.tax.analytics.application.port.out.RateLimiter;
import app.tax.analytics.bootstrap.config.CollectorOptions;
import app.tax.analytics.bootstrap.config.HttpOptions;
import app.tax.analytics.bootstrap.config.RedisOptions;
import app.tax.analytics.bootstrap.config.Values;
import app.tax.analytics.bootstrap.wiring.Metrics;
import app.tax.analytics.bootstrap.wiring.Resources;
import app.tax.analytics.domain.source.WriteKeys;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.PrintStream;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "collector", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"The ingestion API (Segment-compatible): validates events and puts them on the Redis stream.",
                "Needs REDIS_URL and ALLOWED_WRITE_KEYS. Run several behind a load balancer."})
public final class CollectorCommand extends RoleCommand {
    @Option(names = "--port", paramLabel = "PORT", defaultValue = "${env:PORT}", description = "PORT: HTTP port. Default 3000.")
    String port;

    @Option(names = "--metrics-port", paramLabel = "PORT", defaultValue = "${env:METRICS_PORT}",
            description = "METRICS_PORT: management port of /metrics, /health and /health/ready (not exposed publicly). Default 9465.")
    String metricsPort;

    @Mixin
    HttpOptions http;
    @Mixin
    CollectorOptions collector;
    @Mixin
    RedisOptions redis;

    @Override
    public RunningRole start(PrintStream out) {
        int portNumber = Values.port("PORT", port, 3000);
        int metricsPortNumber = Values.port("METRICS_PORT", metricsPort, 9465);
        WriteKeys writeKeys = collector.writeKeys();
        var redisSettings = redis.settings();
        Resources resources = new Resources();
        try {
            PrometheusMeterRegistry registry = Metrics.registry("collector", resources);
            RedisConnection connection = resources.add(RedisAdapters.connect(redisSettings, Metrics.redisObserver(registry)));
            int maxRequests = collector.rateLimitMaxRequests();
            RateLimiter limiter = maxRequests == 0 ? RateLimiter.UNLIMITED : connection.rateLimiter(maxRequests, collector.rateLimitWindow());
            Metrics.redisQueueGauges(registry, connection, redis.streamKey());
            List<Dependency> dependencies = List.of(new Dependency("redis", connection::isReady));
            RunningServer server = resources.add(Servers.collector(portNumber, http, writeKeys, connection.eventQueue(), limiter,
                    connection.dailySalts(), Metrics.pipeline(registry), dependencies, registry, false));
            RunningServer management = resources.add(HttpServers.healthAndMetrics(metricsPortNumber, dependencies, registry));
            out.println("Collector listening on http://localhost:" + server.port() + "; metrics on port " + management.port());
            return new RunningRole(Map.of("collector", server.port(), "metrics", management.port()), resources::close);
        } catch (RuntimeException e) {
            resources.close();
            throw e;
        }
    }
}
