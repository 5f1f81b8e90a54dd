package app.tax.analytics.adapters.http;

import app.tax.analytics.application.port.in.ManageReports;
import app.tax.analytics.domain.board.ReportSchedule;
import app.tax.analytics.domain.stats.InvalidQueryException;
import app.tax.analytics.domain.user.DashboardUser;
import io.javalin.http.Context;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * E-mail report schedules, admins only (the service refuses others with 403): {@code GET /api/reports},
 * {@code POST /api/reports {"source","period":"weekly"|"monthly","recipients":[...]}}, {@code DELETE /api/reports/{id}}.
 */
final class ReportRoutes {
    private final ManageReports reports;

    ReportRoutes(ManageReports reports) {
        this.reports = Objects.requireNonNull(reports);
    }

    void register(ApiRoutes routes, SignedIn signedIn) {
        routes.get("/api/reports", signedIn.handler(this::list))
                .post("/api/reports", signedIn.handler(this::add))
                .delete("/api/reports/{id}", signedIn.handler(this::remove));
    }

    private void list(Context ctx, DashboardUser user) {
        Responses.json(ctx, 200, reports.list(user).stream().map(ReportRoutes::render).toList());
    }

    private void add(Context ctx, DashboardUser user) {
        Map<String, Object> body = JsonBody.readObject(ctx);
        String source = JsonBody.requiredText(body, "source", "is required");
        String period = JsonBody.requiredText(body, "period", "is required: weekly or monthly");
        if (!(body.get("recipients") instanceof List<?> listed) || !listed.stream().allMatch(String.class::isInstance)) {
            throw new InvalidQueryException("recipients", "is required: a list of e-mail addresses");
        }
        List<String> recipients = listed.stream().map(String.class::cast).toList();
        ReportSchedule added;
        try {
            added = reports.add(user, source, ReportSchedule.Period.fromWire(period), recipients);
        } catch (IllegalStateException noMailServer) {
            throw new HttpFailure(409, noMailServer.getMessage());
        }
        Responses.json(ctx, 201, render(added));
    }

    private void remove(Context ctx, DashboardUser user) {
        String id = ctx.pathParam("id");
        if (!reports.remove(user, id)) {
            throw new HttpFailure(404, "no report with id " + id);
        }
        ctx.status(204);
    }

    private static Map<String, Object> render(ReportSchedule schedule) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("id", schedule.id());
        body.put("source", schedule.source());
        body.put("period", schedule.period().wireName());
        body.put("recipients", schedule.recipients());
        body.put("createdBy", schedule.createdBy());
        body.put("createdAt", schedule.createdAt().toString());
        body.put("lastSent", schedule.lastSent() == null ? null : schedule.lastSent().toString());
        return body;
    }
}
