package app.tax.analytics.adapters.http;

import app.tax.analytics.application.port.in.AccessDeniedException;
import app.tax.analytics.application.port.in.TooManyAttemptsException;
import app.tax.analytics.application.port.out.StoreUnavailableException;
import app.tax.analytics.domain.stats.InvalidQueryException;
import io.javalin.Javalin;
import java.time.Duration;
import java.util.List;

/**
 * The dashboard API of docs/ARCHITECTURE.md, "Dashboard API": what all its endpoints share (no caching, how
 * refusals are worded) and the list of {@link DashboardRouteGroup}s, one per resource, that it registers.
 */
final class DashboardRoutes {
    static final String ALLOWED_METHODS = "GET, POST, DELETE";
    static final String ALLOWED_HEADERS = "Content-Type, Authorization";
    static final String EXPOSED_HEADERS = "Retry-After, Content-Disposition";
    private static final Duration STORE_RETRY_AFTER = Duration.ofSeconds(5);

    private final List<DashboardRouteGroup> groups;

    DashboardRoutes(List<DashboardRouteGroup> groups) {
        this.groups = List.copyOf(groups);
    }

    void register(Javalin app, ApiRoutes routes) {
        // signed-in answers hold private numbers: no cache may keep them
        app.before("/api/*", ctx -> ctx.header("Cache-Control", "no-store"));
        app.exception(InvalidQueryException.class, (e, ctx) -> ErrorStyle.PLAIN.respond(ctx, 400, e.getMessage()));
        app.exception(TooManyAttemptsException.class, (e, ctx) -> ErrorStyle.PLAIN.respond(ctx,
                new HttpFailure(429, e.getMessage(), e.retryAfter())));
        app.exception(AccessDeniedException.class, (e, ctx) -> ErrorStyle.PLAIN.respond(ctx, 403, e.getMessage()));
        app.exception(StoreUnavailableException.class, (e, ctx) -> ErrorStyle.PLAIN.respond(ctx,
                new HttpFailure(503, "the analytics store is unavailable; retry later", STORE_RETRY_AFTER)));
        groups.forEach(group -> group.register(routes));
    }
}
