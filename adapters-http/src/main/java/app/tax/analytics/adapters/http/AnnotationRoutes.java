package app.tax.analytics.adapters.http;

import app.tax.analytics.application.port.in.ManageAnnotations;
import app.tax.analytics.application.port.in.ManageAnnotations.FunnelAround;
import app.tax.analytics.domain.board.Annotation;
import app.tax.analytics.domain.stats.FunnelDefinition;
import app.tax.analytics.domain.stats.InvalidQueryException;
import app.tax.analytics.domain.stats.StatsQuery;
import app.tax.analytics.domain.user.DashboardUser;
import io.javalin.http.Context;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Chart annotations: {@code GET /api/annotations?source&from&to&tz} (notes and release markers in the range),
 * {@code POST /api/annotations {"source","at","text"}}, {@code DELETE /api/annotations/{id}} (the author or an admin;
 * a release marker stays: 409), and {@code POST /api/annotations/{id}/funnel} (a funnel body; the range, zone and
 * filters as query parameters): the funnel before and after the marker.
 */
final class AnnotationRoutes {
    private final ManageAnnotations annotations;

    AnnotationRoutes(ManageAnnotations annotations) {
        this.annotations = Objects.requireNonNull(annotations);
    }

    void register(ApiRoutes routes, SignedIn signedIn) {
        routes.get("/api/annotations", signedIn.handler(this::list))
                .post("/api/annotations", signedIn.handler(this::add))
                .delete("/api/annotations/{id}", signedIn.handler(this::remove))
                .post("/api/annotations/{id}/funnel", signedIn.handler(this::funnelAround));
    }

    private void list(Context ctx, DashboardUser user) {
        StatsQuery range = StatsRoutes.query(QueryParameters.parse(ctx.queryString()));
        Responses.json(ctx, 200, annotations.list(user, range.source(), range.from(), range.to()).stream()
                .map(AnnotationRoutes::render).toList());
    }

    private void add(Context ctx, DashboardUser user) {
        Map<String, Object> body = JsonBody.readObject(ctx);
        String source = JsonBody.requiredText(body, "source", "is required");
        Instant at = instant(JsonBody.optionalText(body, "at"));
        Annotation added = annotations.add(user, source, at, JsonBody.optionalText(body, "text"));
        Responses.json(ctx, 201, render(added));
    }

    private void remove(Context ctx, DashboardUser user) {
        String id = ctx.pathParam("id");
        boolean removed;
        try {
            removed = annotations.remove(user, id);
        } catch (IllegalStateException release) {
            throw new HttpFailure(409, release.getMessage());
        }
        if (!removed) {
            throw new HttpFailure(404, "no annotation with id " + id);
        }
        ctx.status(204);
    }

    private void funnelAround(Context ctx, DashboardUser user) {
        String id = ctx.pathParam("id");
        StatsQuery query = StatsRoutes.query(QueryParameters.parse(ctx.queryString()));
        FunnelDefinition funnel = StatsRoutes.funnelDefinition(Json.readObject(BodyReader.read(ctx, JsonBody.MAX_BYTES),
                "the body"));
        FunnelAround around = annotations.funnelAround(user, id, query, funnel)
                .orElseThrow(() -> new HttpFailure(404, "no annotation with id " + id + " in source " + query.source()));
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("marker", render(around.marker()));
        body.put("before", StatsRendering.funnel(around.before()));
        body.put("after", StatsRendering.funnel(around.after()));
        Responses.json(ctx, 200, body);
    }

    /** An ISO-8601 instant, with {@code Z} or an offset. */
    static Instant instant(String text) {
        if (text == null) {
            throw new InvalidQueryException("at", "is required: an ISO-8601 time such as 2026-11-02T09:00:00Z");
        }
        try {
            return OffsetDateTime.parse(text).toInstant();
        } catch (DateTimeParseException e) {
            throw new InvalidQueryException("at", "'" + text + "' is not an ISO-8601 time such as 2026-11-02T09:00:00Z");
        }
    }

    static Map<String, Object> render(Annotation annotation) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("id", annotation.id());
        body.put("source", annotation.source());
        body.put("at", annotation.at().toString());
        body.put("kind", annotation.kind().wireName());
        body.put("text", annotation.text());
        body.put("createdBy", annotation.createdBy());
        return body;
    }
}
