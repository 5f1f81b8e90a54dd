package app.tax.analytics.adapters.http;

import app.tax.analytics.application.port.in.Authenticate;
import app.tax.analytics.application.port.in.CollectEvents;
import app.tax.analytics.application.port.in.EraseSubject;
import app.tax.analytics.application.port.in.ManageUsers;
import app.tax.analytics.application.port.in.QueryStats;
import app.tax.analytics.domain.event.IngestionLimits;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
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
        return collector(port, cors, proxy, collect, dependencies, registry, servesMetrics, CollectorRoutes.MOST_ANSWERS_AWAITED);
    }

    /** @param mostAnswersAwaited requests answered when the queue confirms, at most; past it they wait in their threads */
    static RunningServer collector(int port, CorsPolicy cors, ProxyPolicy proxy, CollectEvents collect,
                                   List<Dependency> dependencies, PrometheusMeterRegistry registry, boolean servesMetrics,
                                   int mostAnswersAwaited) {
        Objects.requireNonNull(cors, "cors");
        CollectorRoutes collector = new CollectorRoutes(collect, proxy, mostAnswersAwaited);
        SdkRoutes sdk = new SdkRoutes();
        return ServerSkeleton.start("collector", port, ErrorStyle.SEGMENT, IngestionLimits.MAX_REQUEST_BYTES,
                collector::wantsBody, dependencies, registry, servesMetrics, app -> {
            collector.register(new ApiRoutes(app, new Cors(cors, "ALLOWED_ORIGINS", CollectorRoutes.ALLOWED_METHODS,
                    CollectorRoutes.ALLOWED_HEADERS, CollectorRoutes.EXPOSED_HEADERS)), ServerSkeleton.requestThreads(app));
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

    /**
     * @param servesMetrics false when {@code /metrics} is on a management port ({@link #healthAndMetrics}) instead;
     *                      without API keys and shared links
     */
    public static RunningServer dashboard(int port, CorsPolicy cors, ProxyPolicy proxy, QueryStats stats,
                                          Authenticate auth, ManageUsers users, EraseSubject erase,
                                          List<Dependency> dependencies, PrometheusMeterRegistry registry,
                                          boolean servesMetrics) {
        return dashboard(port, cors, proxy, stats, auth, users, erase, Optional.empty(), Optional.empty(), dependencies, registry,
                servesMetrics);
    }

    /** As above, with the dashboard's own items (saved views, annotations, e-mail reports). */
    public static RunningServer dashboard(int port, CorsPolicy cors, ProxyPolicy proxy, QueryStats stats,
                                          Authenticate auth, ManageUsers users, EraseSubject erase, DashboardBoard board,
                                          List<Dependency> dependencies, PrometheusMeterRegistry registry,
                                          boolean servesMetrics) {
        return dashboard(port, cors, proxy, stats, auth, users, erase, Optional.empty(), Optional.of(board), dependencies, registry,
                servesMetrics);
    }

    /**
     * As above, with API keys ({@code /api/keys}, reading {@code /api/stats/*}) and shared links
     * ({@code /api/shares}, {@code /share/{id}}, {@code /api/share/{id}/...}).
     */
    public static RunningServer dashboard(int port, CorsPolicy cors, ProxyPolicy proxy, QueryStats stats,
                                          Authenticate auth, ManageUsers users, EraseSubject erase, Sharing sharing,
                                          List<Dependency> dependencies, PrometheusMeterRegistry registry,
                                          boolean servesMetrics) {
        return dashboard(port, cors, proxy, stats, auth, users, erase, Optional.of(sharing), Optional.empty(), dependencies, registry,
                servesMetrics);
    }

    /** With API keys, shared links and the dashboard's own items: what the roles run. */
    public static RunningServer dashboard(int port, CorsPolicy cors, ProxyPolicy proxy, QueryStats stats,
                                          Authenticate auth, ManageUsers users, EraseSubject erase, Sharing sharing,
                                          DashboardBoard board, List<Dependency> dependencies, PrometheusMeterRegistry registry,
                                          boolean servesMetrics) {
        return dashboard(port, cors, proxy, stats, auth, users, erase, Optional.of(sharing), Optional.of(board), dependencies,
                registry, servesMetrics);
    }

    private static RunningServer dashboard(int port, CorsPolicy cors, ProxyPolicy proxy, QueryStats stats,
                                           Authenticate auth, ManageUsers users, EraseSubject erase, Optional<Sharing> sharing,
                                           Optional<DashboardBoard> board, List<Dependency> dependencies,
                                           PrometheusMeterRegistry registry, boolean servesMetrics) {
        Objects.requireNonNull(cors, "cors");
        Callers callers = new Callers(auth, sharing.map(Sharing::keys));
        List<DashboardRouteGroup> groups = new ArrayList<>(List.of(
                new SessionRoutes(auth, users, callers, proxy),
                new StatsRoutes(stats, "/api", callers::reader),
                new AccountRoutes(users, callers),
                new EraseRoutes(erase, callers)));
        sharing.ifPresent(with -> groups.addAll(List.of(
                new ApiKeyRoutes(with.keys(), callers),
                new ShareRoutes(with.shares(), with.open(), stats, callers, proxy))));
        board.ifPresent(with -> groups.addAll(List.<DashboardRouteGroup>of(
                routes -> new SavedViewRoutes(with.savedViews()).register(routes, callers::user),
                routes -> new AnnotationRoutes(with.annotations()).register(routes, callers::user),
                routes -> new ReportRoutes(with.reports()).register(routes, callers::user))));
        DashboardRoutes dashboard = new DashboardRoutes(groups);
        return ServerSkeleton.start("dashboard", port, ErrorStyle.PLAIN, JsonBody.MAX_BYTES,
                request -> true, dependencies, registry, servesMetrics, app -> {
            dashboard.register(app, new ApiRoutes(app, new Cors(cors, "DASHBOARD_ALLOWED_ORIGINS", DashboardRoutes.ALLOWED_METHODS,
                    DashboardRoutes.ALLOWED_HEADERS, DashboardRoutes.EXPOSED_HEADERS)));
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
