package app.tax.analytics.adapters.http;

import io.javalin.Javalin;
import io.javalin.util.JavalinException;
import io.javalin.http.Context;
import io.javalin.http.HttpResponseException;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import jakarta.servlet.http.HttpServletRequest;
import org.eclipse.jetty.server.handler.StatisticsHandler;
import org.eclipse.jetty.util.BlockingArrayQueue;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import java.util.function.Predicate;

/**
 * What every server shares: security headers, request metrics, health and metrics routes, JSON errors
 * in the server's style, and a 500 only for real bugs (logged, never with request data).
 */
final class ServerSkeleton {
    private static final System.Logger LOG = System.getLogger(ServerSkeleton.class.getName());
    /** How long closing waits for requests in flight (a collector answering after its queue write). */
    static final Duration SHUTDOWN_GRACE = Duration.ofSeconds(10);

    private ServerSkeleton() {
    }

    /** A server whose routes take no bodies. */
    static RunningServer start(String role, int port, ErrorStyle style, List<Dependency> dependencies,
                               PrometheusMeterRegistry registry, Consumer<Javalin> routes) {
        return start(role, port, style, 0, request -> false, dependencies, registry, true, routes);
    }

    /**
     * @param maxBodyBytes the largest body any of the routes takes; bodies up to it are read before the routes
     *                     run, without blocking a thread ({@link BodyPrefetch})
     * @param wantsBody    whether a request's body is worth reading at all
     * @param servesMetrics whether {@code /metrics} is served here (not when a management port has it)
     * @param routes       adds the server's own routes and exception mappings
     */
    static RunningServer start(String role, int port, ErrorStyle style, int maxBodyBytes,
                               Predicate<HttpServletRequest> wantsBody, List<Dependency> dependencies,
                               PrometheusMeterRegistry registry, boolean servesMetrics, Consumer<Javalin> routes) {
        Objects.requireNonNull(dependencies, "dependencies");
        HttpMetrics metrics = new HttpMetrics(registry);
        Javalin app = Javalin.create(config -> {
            config.showJavalinBanner = false;
            config.startupWatcherEnabled = false;
            config.requestLogger.http(metrics::record);
            config.jetty.threadPool = threadPool(role);
            config.jetty.modifyHttpConfiguration(http -> {
                http.setIdleTimeout(ServerLimits.IDLE_TIMEOUT.toMillis());
                http.setMinRequestDataRate(ServerLimits.MIN_REQUEST_BYTES_PER_SECOND);
                http.setMinResponseDataRate(ServerLimits.MIN_RESPONSE_BYTES_PER_SECOND);
            });
            config.jetty.modifyServer(server -> {
                // Jetty waits for in-flight requests on stop only when a StatisticsHandler counts them; Javalin
                // puts its own handler inside the innermost wrapper, the body prefetch
                StatisticsHandler statistics = new StatisticsHandler();
                statistics.setHandler(new BodyPrefetch(maxBodyBytes, ServerLimits.BODY_DEADLINE, style, wantsBody));
                server.setHandler(statistics);
                server.setStopTimeout(SHUTDOWN_GRACE.toMillis());
            });
        });
        app.before(SecurityHeaders::apply);
        app.beforeMatched(HttpMetrics::rememberRoute);
        app.error(404, ctx -> notFound(ctx, style));
        app.exception(HttpFailure.class, (failure, ctx) -> style.respond(ctx, failure));
        app.exception(HttpResponseException.class, (e, ctx) -> style.respond(ctx, e.getStatus(), e.getMessage()));
        app.exception(Exception.class, (e, ctx) -> {
            LOG.log(System.Logger.Level.ERROR, "unexpected failure in " + ctx.method() + " " + HttpMetrics.route(ctx), e);
            style.respond(ctx, 500, "internal error");
        });
        new HealthRoutes(dependencies, registry, servesMetrics).register(app);
        routes.accept(app);
        app.start(port);
        LOG.log(System.Logger.Level.INFO, "{0} listening on port {1,number,#}", role, app.port());
        return new JavalinServer(app, role);
    }

    /** The server's request threads, for work that continues a request after its handler returned. */
    static Executor requestThreads(Javalin app) {
        return app.unsafeConfig().jetty.threadPool;
    }

    private static QueuedThreadPool threadPool(String role) {
        QueuedThreadPool pool = new QueuedThreadPool(ServerLimits.MAX_THREADS, ServerLimits.MIN_THREADS,
                (int) ServerLimits.IDLE_TIMEOUT.toMillis(),
                new BlockingArrayQueue<>(ServerLimits.MIN_THREADS, ServerLimits.MIN_THREADS, ServerLimits.MAX_QUEUED_REQUESTS));
        pool.setName(role.replace(' ', '-') + "-http");
        return pool;
    }

    private static void notFound(Context ctx, ErrorStyle style) {
        // only rewrite Javalin's own "no such endpoint" answer, not a 404 a handler chose to give
        if (!HttpMetrics.isMatched(ctx)) {
            style.respond(ctx, 404, "no such endpoint");
        }
    }

    /** A started Javalin. */
    private static final class JavalinServer implements RunningServer {
        private final Javalin app;
        private final String role;

        JavalinServer(Javalin app, String role) {
            this.app = app;
            this.role = role;
        }

        @Override
        public int port() {
            return app.port();
        }

        @Override
        public void close() {
            try {
                app.stop();
            } catch (JavalinException e) {
                // Jetty stops anyway once the grace period is over; its request count can miss a request whose
                // body was read asynchronously, so a stop may wait out the grace period: not worth failing over
                if (!(e.getCause() instanceof TimeoutException)) {
                    throw e;
                }
                LOG.log(System.Logger.Level.WARNING, "{0} stopped after waiting {1} s for requests in flight", role,
                        SHUTDOWN_GRACE.toSeconds());
                return;
            }
            LOG.log(System.Logger.Level.INFO, "{0} stopped", role);
        }
    }
}
