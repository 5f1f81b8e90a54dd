package app.tax.analytics.adapters.http;

import app.tax.analytics.application.port.in.ManageSavedViews;
import app.tax.analytics.domain.board.SavedView;
import app.tax.analytics.domain.stats.FunnelDefinition;
import app.tax.analytics.domain.stats.FunnelStep;
import app.tax.analytics.domain.stats.InvalidQueryException;
import app.tax.analytics.domain.user.DashboardUser;
import io.javalin.http.Context;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Saved views: {@code GET|POST /api/segments}, {@code DELETE /api/segments/{id}}, the same under {@code /api/funnels}.
 * Any account that may see the source lists and saves; the author or an admin removes (else 403).
 */
final class SavedViewRoutes {
    private final ManageSavedViews views;

    SavedViewRoutes(ManageSavedViews views) {
        this.views = Objects.requireNonNull(views);
    }

    void register(ApiRoutes routes, SignedIn signedIn) {
        routes.get("/api/segments", signedIn.handler((ctx, user) -> list(ctx, user, SavedView.Kind.SEGMENT)))
                .post("/api/segments", signedIn.handler((ctx, user) -> save(ctx, user, SavedView.Kind.SEGMENT)))
                .delete("/api/segments/{id}", signedIn.handler((ctx, user) -> remove(ctx, user, SavedView.Kind.SEGMENT)))
                .get("/api/funnels", signedIn.handler((ctx, user) -> list(ctx, user, SavedView.Kind.FUNNEL)))
                .post("/api/funnels", signedIn.handler((ctx, user) -> save(ctx, user, SavedView.Kind.FUNNEL)))
                .delete("/api/funnels/{id}", signedIn.handler((ctx, user) -> remove(ctx, user, SavedView.Kind.FUNNEL)));
    }

    private void list(Context ctx, DashboardUser user, SavedView.Kind kind) {
        String source = QueryParameters.parse(ctx.queryString()).get("source");
        if (source == null || source.isBlank()) {
            throw new InvalidQueryException("source", "is required");
        }
        Responses.json(ctx, 200, views.list(user, source.strip(), kind).stream().map(SavedViewRoutes::render).toList());
    }

    /**
     * Segment body {@code {"source","name","filters"}}; funnel body {@code {"source","name","steps":[...],"windowMinutes",
     * "filters"?}} with the steps of {@code POST /api/stats/funnel}.
     */
    private void save(Context ctx, DashboardUser user, SavedView.Kind kind) {
        Map<String, Object> body = JsonBody.readObject(ctx);
        String source = JsonBody.requiredText(body, "source", "is required");
        String name = JsonBody.requiredText(body, "name", "is required: 1-" + SavedView.MAX_NAME_LENGTH + " characters");
        FunnelDefinition funnel = kind == SavedView.Kind.FUNNEL ? StatsRoutes.funnelDefinition(body) : null;
        SavedView saved = views.save(user, source, kind, name, JsonBody.optionalText(body, "filters"), funnel);
        Responses.json(ctx, 201, render(saved));
    }

    private void remove(Context ctx, DashboardUser user, SavedView.Kind kind) {
        String id = ctx.pathParam("id");
        if (!views.remove(user, id, kind)) {
            throw new HttpFailure(404, "no " + kind.wireName() + " with id " + id);
        }
        ctx.status(204);
    }

    static Map<String, Object> render(SavedView view) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("id", view.id());
        body.put("source", view.source());
        body.put("kind", view.kind().wireName());
        body.put("name", view.name());
        body.put("filters", view.filters());
        if (view.funnel() != null) {
            List<Map<String, Object>> steps = view.funnel().steps().stream()
                    .map(step -> Map.<String, Object>of(step.kind() == FunnelStep.Kind.PAGE ? "page" : "event", step.value())).toList();
            body.put("steps", steps);
            body.put("windowMinutes", view.funnel().window().toMinutes());
        }
        body.put("createdBy", view.createdBy());
        body.put("createdAt", view.createdAt().toString());
        return body;
    }
}
