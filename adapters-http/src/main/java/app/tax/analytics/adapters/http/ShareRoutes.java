package app.tax.analytics.adapters.http;

import app.tax.analytics.application.port.in.ManageShares;
import app.tax.analytics.application.port.in.OpenShares;
import app.tax.analytics.application.port.in.OpenShares.UnlockOutcome;
import app.tax.analytics.application.port.in.QueryStats;
import app.tax.analytics.domain.access.Share;
import app.tax.analytics.domain.access.Viewer;
import app.tax.analytics.domain.user.DashboardUser;
import io.javalin.http.Context;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Shared links: admins manage them under {@code /api/shares}; anyone with the link opens {@code /share/{id}} (the
 * web dashboard, read-only), reads {@code /api/share/{id}} (what the page needs to know) and the stats under
 * {@code /api/share/{id}/stats/*}, after {@code POST /api/share/{id}/unlock} when the share has a password.
 */
final class ShareRoutes implements DashboardRouteGroup {
    private final ManageShares shares;
    private final OpenShares open;
    private final QueryStats stats;
    private final Callers callers;
    private final ProxyPolicy proxy;

    /** {@code password}, {@code embedOrigins} and {@code minVisitors} optional. */
    record NewShareBody(String source, String password, List<String> embedOrigins, Integer minVisitors) {
    }

    record UnlockBody(String password) {
    }

    ShareRoutes(ManageShares shares, OpenShares open, QueryStats stats, Callers callers, ProxyPolicy proxy) {
        this.shares = Objects.requireNonNull(shares);
        this.open = Objects.requireNonNull(open);
        this.stats = Objects.requireNonNull(stats);
        this.callers = Objects.requireNonNull(callers);
        this.proxy = Objects.requireNonNull(proxy);
    }

    @Override
    public void register(ApiRoutes routes) {
        routes.post("/api/shares", callers.admin(this::create))
                .get("/api/shares", callers.admin(this::list))
                .delete("/api/shares/{id}", callers.admin(this::delete))
                .get("/api/share/{id}", this::describePublicly)
                .post("/api/share/{id}/unlock", this::unlock)
                .page("/share/{id}", this::page);
        new StatsRoutes(stats, "/api/share/{id}", this::reader).register(routes);
    }

    private void create(Context ctx, DashboardUser admin) {
        NewShareBody body = JsonBody.read(ctx, NewShareBody.class);
        String source = JsonBody.required(body.source(), "source");
        if (body.password() != null && body.password().isEmpty()) {
            throw new HttpFailure(400, "password: leave it out for a share without a password");
        }
        List<String> origins = JsonBody.names(body.embedOrigins(), "embedOrigins", "origins such as https://intranet.tax.app");
        Share share;
        try {
            share = shares.create(source.strip(), body.password(), origins == null ? List.of() : origins,
                    body.minVisitors() == null ? 0 : body.minVisitors());
        } catch (IllegalArgumentException e) {
            // the service names the field: source, password, embedOrigins, minVisitors
            throw new HttpFailure(400, e.getMessage());
        }
        Responses.json(ctx, 201, describe(ctx, share));
    }

    private void list(Context ctx, DashboardUser admin) {
        Responses.json(ctx, 200, shares.list().stream().map(share -> describe(ctx, share)).toList());
    }

    private void delete(Context ctx, DashboardUser admin) {
        if (!shares.delete(ctx.pathParam("id"))) {
            throw new HttpFailure(404, "no such share");
        }
        ctx.status(204);
    }

    /** For the page: which source, whether it asks for a password; never the password hash. */
    private void describePublicly(Context ctx) {
        Share share = existing(ctx);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("id", share.id());
        body.put("source", share.source());
        body.put("passwordRequired", share.password().isPresent());
        body.put("minVisitors", share.minVisitors());
        Responses.json(ctx, 200, body);
    }

    private void unlock(Context ctx) {
        UnlockBody body = JsonBody.read(ctx, UnlockBody.class);
        UnlockOutcome outcome = open.unlock(ctx.pathParam("id"), JsonBody.required(body.password(), "password"),
                ClientAddress.of(ctx, proxy));
        if (outcome instanceof UnlockOutcome.Unlocked unlocked) {
            Map<String, Object> answer = new LinkedHashMap<>();
            answer.put("token", unlocked.token());
            answer.put("expiresAt", unlocked.expiresAt().toString());
            Responses.json(ctx, 200, answer);
        } else if (outcome instanceof UnlockOutcome.NotFound) {
            throw new HttpFailure(404, "no such share");
        } else if (outcome instanceof UnlockOutcome.WrongPassword) {
            throw new HttpFailure(401, "wrong password");
        } else if (outcome instanceof UnlockOutcome.Throttled throttled) {
            throw new HttpFailure(429, "too many wrong passwords; wait before trying again", throttled.retryAfter());
        } else {
            throw new IllegalStateException("unknown outcome " + outcome.getClass().getSimpleName());
        }
    }

    /** The web dashboard; framed only by the share's own origins. */
    private void page(Context ctx) {
        Share share = existing(ctx);
        if (!share.embedOrigins().isEmpty()) {
            SecurityHeaders.allowFraming(ctx, share.embedOrigins());
        }
        WebDashboard.sendPage(ctx);
    }

    private Viewer reader(Context ctx) {
        Share share = existing(ctx);
        String authorization = ctx.header("Authorization");
        String token = authorization == null ? null : Callers.bearer(ctx);
        Optional<Share> readable = open.readable(share.id(), token);
        if (readable.isEmpty()) {
            ctx.header("WWW-Authenticate", "Bearer");
            throw new HttpFailure(401, "this share has a password: send it to POST /api/share/" + share.id()
                    + "/unlock and the token back as Authorization: Bearer <token>");
        }
        return readable.get();
    }

    private Share existing(Context ctx) {
        return open.find(ctx.pathParam("id")).orElseThrow(() -> new HttpFailure(404, "no such share"));
    }

    /** What admins see of a share: its link, never its password hash. */
    private static Map<String, Object> describe(Context ctx, Share share) {
        String path = "/share/" + share.id();
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("id", share.id());
        body.put("url", ctx.scheme() + "://" + ctx.host() + path);
        body.put("path", path);
        body.put("source", share.source());
        body.put("passwordRequired", share.password().isPresent());
        body.put("embedOrigins", share.embedOrigins());
        body.put("minVisitors", share.minVisitors());
        body.put("createdAt", share.createdAt().toString());
        return body;
    }
}
