package app.tax.analytics.adapters.http;

import io.javalin.Javalin;
import io.javalin.http.Context;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** {@code /health}, {@code /health/ready} and {@code /metrics}, the same on every server. */
final class HealthRoutes {
    private static final System.Logger LOG = System.getLogger(HealthRoutes.class.getName());
    private static final String PROMETHEUS_TEXT = "text/plain; version=0.0.4; charset=utf-8";

    private final List<Dependency> dependencies;
    private final PrometheusMeterRegistry registry;

    private final boolean servesMetrics;

    HealthRoutes(List<Dependency> dependencies, PrometheusMeterRegistry registry, boolean servesMetrics) {
        this.dependencies = List.copyOf(dependencies);
        this.registry = registry;
        this.servesMetrics = servesMetrics;
    }

    void register(Javalin app) {
        app.get("/health", ctx -> Responses.json(ctx, 200, Map.of("status", "ok")));
        app.get("/health/ready", this::ready);
        if (servesMetrics) {
            app.get("/metrics", ctx -> ctx.contentType(PROMETHEUS_TEXT).result(registry.scrape()));
        }
    }

    private void ready(Context ctx) {
        Map<String, Boolean> states = new LinkedHashMap<>();
        boolean allReady = true;
        for (Dependency dependency : dependencies) {
            boolean ready = isReady(dependency);
            states.put(dependency.name(), ready);
            allReady &= ready;
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("status", allReady ? "ok" : "unavailable");
        body.put("dependencies", states);
        Responses.json(ctx, allReady ? 200 : 503, body);
    }

    private static boolean isReady(Dependency dependency) {
        try {
            return dependency.ready().getAsBoolean();
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, "readiness check of {0} failed: {1}", dependency.name(), e.toString());
            return false;
        }
    }
}
