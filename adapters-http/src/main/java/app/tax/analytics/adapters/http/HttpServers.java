package app.tax.analytics.adapters.http;

import app.tax.analytics.application.port.in.Authenticate;
import app.tax.analytics.application.port.in.CollectEvents;
import app.tax.analytics.application.port.in.EraseSubject;
import app.tax.analytics.application.port.in.ManageUsers;
import app.tax.analytics.application.port.in.QueryStats;
import app.tax.analytics.domain.event.IngestionLimits;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.util.List;
import java.util.Objects;

/**
 * Starts the HTTP servers of the roles (docs/ARCHITECTURE.md, "Roles and configuration"). Every server answers {@code GET /health},
 * {@code GET /health/ready} (200 when every dependency is ready, else 503) and {@code GET /metrics}
 * (Prometheus text of {@code registry}, which also receives the request metrics). Port 0 picks a free port.
 */
public final class HttpServers {

    private HttpServers() {
    }

    /**
     * The ingestion API: {@code POST /v1/track|page|screen|identify|group|alias|batch|import}, and the
     * browser SDK at {@code GET /sdk/analytics.js}.
     */
    public static RunningServer collector(int port, CorsPolicy cors, ProxyPolicy proxy, CollectEvents collect,
                                          List<Dependency> dependencies, PrometheusMeterRegistry registry) {
        return collector(port, cors, proxy, collect, dependencies, registry, true);
    }

    /** @param servesMetrics false when {@code /metrics} is on a management port ({@link #healthAndMetrics}) instead */
    public static RunningServer collector(int port, CorsPolicy cors, ProxyPolicy proxy, CollectEvents collect,
                                          List<Dependency> dependencies, PrometheusMeterRegistry registry,
                                          boolean servesMetrics) {
        Objects.requireNonNull(cors, "cors");
        CollectorRoutes collector = new CollectorRoutes(collect, proxy);
        SdkRoutes sdk = new SdkRoutes();
        return ServerSkeleton.start("collector", port, ErrorStyle.SEGMENT, IngestionLimits.MAX_REQUEST_BYTES,
                collector::wantsBody, dependencies, registry, servesMetrics, app -> {
            collector.register(new ApiRoutes(app, new Cors(cors, "ALLOWED_ORIGINS", CollectorRoutes.ALLOWED_METHODS,
                    CollectorRoutes.ALLOWED_HEADERS, CollectorRoutes.EXPOSED_HEADERS)));
            sdk.register(app);
        });
    }

    /**
     * The dashboard API under {@code /api} (login, sources, stats, accounts, erasure) and the web dashboard at
     * {@code /}.
     */
    public static RunningServer dashboard(int port, CorsPolicy cors, ProxyPolicy proxy, QueryStats stats,
                                          Authenticate auth, ManageUsers users, EraseSubject erase,
                                          List<Dependency> dependencies, PrometheusMeterRegistry registry) {
        return dashboard(port, cors, proxy, stats, auth, users, erase, dependencies, registry, true);
    }

    /** @param servesMetrics false when {@code /metrics} is on a management port ({@link #healthAndMetrics}) instead */
    public static RunningServer dashboard(int port, CorsPolicy cors, ProxyPolicy proxy, QueryStats stats,
                                          Authenticate auth, ManageUsers users, EraseSubject erase,
                                          List<Dependency> dependencies, PrometheusMeterRegistry registry,
                                          boolean servesMetrics) {
        return dashboard(port, cors, proxy, stats, auth, users, erase, null, dependencies, registry, servesMetrics);
    }

    /**
     * The dashboard with its own items (saved views, annotations, e-mail reports) when {@code board} is given; null
     * leaves those routes out.
     */
    public static RunningServer dashboard(int port, CorsPolicy cors, ProxyPolicy proxy, QueryStats stats,
                                          Authenticate auth, ManageUsers users, EraseSubject erase, DashboardBoard board,
                                          List<Dependency> dependencies, PrometheusMeterRegistry registry,
                                          boolean servesMetrics) {
        Objects.requireNonNull(cors, "cors");
        DashboardRoutes dashboard = new DashboardRoutes(stats, auth, users, erase, proxy);
        return ServerSkeleton.start("dashboard", port, ErrorStyle.PLAIN, DashboardRoutes.MAX_FORM_BYTES,
                request -> true, dependencies, registry, servesMetrics, app -> {
            ApiRoutes routes = new ApiRoutes(app, new Cors(cors, "DASHBOARD_ALLOWED_ORIGINS", DashboardRoutes.ALLOWED_METHODS,
                    DashboardRoutes.ALLOWED_HEADERS, DashboardRoutes.EXPOSED_HEADERS));
            dashboard.register(app, routes);
            if (board != null) {
                new SavedViewRoutes(board.savedViews()).register(routes, dashboard::user);
                new AnnotationRoutes(board.annotations()).register(routes, dashboard::user);
                new ReportRoutes(board.reports()).register(routes, dashboard::user);
            }
            WebDashboard.register(app);
        });
    }

    /** Only health and metrics: the processor role's port. */
    public static RunningServer healthAndMetrics(int port, List<Dependency> dependencies, PrometheusMeterRegistry registry) {
        return ServerSkeleton.start("health and metrics", port, ErrorStyle.PLAIN, dependencies, registry, app -> {
            // nothing beyond the routes every server has
        });
    }
}
