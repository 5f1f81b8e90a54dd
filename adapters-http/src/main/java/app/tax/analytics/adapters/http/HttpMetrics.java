package app.tax.analytics.adapters.http;

import io.javalin.http.Context;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

/**
 * {@code http_requests_total{method,route,status}} and the latency histogram
 * {@code http_server_request_duration_seconds{method,route}} (docs/ARCHITECTURE.md, "Observability"). The route is the matched route
 * template ({@code /v1/track}), never the raw path, and {@value #UNMATCHED} for anything no route matched,
 * so random paths cannot blow up the number of series.
 */
final class HttpMetrics {
    static final String UNMATCHED = "unmatched";
    private static final String ROUTE_ATTRIBUTE = HttpMetrics.class.getName() + ".route";
    /** From a fast in-memory answer to a slow dashboard query. */
    private static final Duration[] BUCKETS = {
            Duration.ofMillis(5), Duration.ofMillis(10), Duration.ofMillis(25), Duration.ofMillis(50),
            Duration.ofMillis(100), Duration.ofMillis(250), Duration.ofMillis(500), Duration.ofSeconds(1),
            Duration.ofMillis(2500), Duration.ofSeconds(5), Duration.ofSeconds(10)};

    private final MeterRegistry registry;
    /**
     * The meters by their labels, built once: building and registering them on every request was about 6 % of the
     * collector's CPU under batch load (JFR). Bounded as the series are: routes are templates, statuses ours.
     */
    private final Map<CounterLabels, Counter> counters = new ConcurrentHashMap<>();
    private final Map<TimerLabels, Timer> timers = new ConcurrentHashMap<>();

    HttpMetrics(MeterRegistry registry) {
        this.registry = Objects.requireNonNull(registry);
    }

    /** Runs before the handlers of a matched route: remembers its template for {@link #record}. */
    static void rememberRoute(Context ctx) {
        ctx.attribute(ROUTE_ATTRIBUTE, ctx.endpointHandlerPath());
    }

    /** The matched route template, or {@value #UNMATCHED}. */
    static String route(Context ctx) {
        String route = ctx.attribute(ROUTE_ATTRIBUTE);
        return route == null || route.isEmpty() ? UNMATCHED : route;
    }

    static boolean isMatched(Context ctx) {
        return !UNMATCHED.equals(route(ctx));
    }

    /** Runs after every request, whatever happened in it. */
    void record(Context ctx, Float executionMillis) {
        String method = ctx.method().name();
        String routeLabel = route(ctx);
        counters.computeIfAbsent(new CounterLabels(method, routeLabel, ctx.statusCode()), labels -> Counter.builder("http.requests")
                        .description("HTTP requests by method, matched route and status")
                        .tags("method", labels.method(), "route", labels.route(), "status", Integer.toString(labels.status()))
                        .register(registry))
                .increment();
        timers.computeIfAbsent(new TimerLabels(method, routeLabel), labels -> Timer.builder("http.server.request.duration")
                        .description("HTTP request latency by method and matched route")
                        .tags("method", labels.method(), "route", labels.route())
                        .serviceLevelObjectives(BUCKETS)
                        .register(registry))
                .record(Duration.ofNanos((long) (executionMillis == null ? 0 : executionMillis * 1_000_000.0)));
    }

    private record CounterLabels(String method, String route, int status) {
    }

    /** The latency's labels carry no status: one histogram per route. */
    private record TimerLabels(String method, String route) {
    }
}
