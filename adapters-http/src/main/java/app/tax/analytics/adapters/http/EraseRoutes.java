package app.tax.analytics.adapters.http;

import app.tax.analytics.application.port.in.EraseSubject;
import app.tax.analytics.domain.user.DashboardUser;
import io.javalin.http.Context;
import java.util.Map;
import java.util.Objects;

/** Erasing a data subject, for admins: {@code POST /api/admin/erase}. */
final class EraseRoutes implements DashboardRouteGroup {
    private final EraseSubject erase;
    private final Callers callers;

    /** {@code userId} or {@code anonymousId} (or both); {@code source} optional (every source). */
    record EraseBody(String source, String userId, String anonymousId) {
    }

    EraseRoutes(EraseSubject erase, Callers callers) {
        this.erase = Objects.requireNonNull(erase);
        this.callers = Objects.requireNonNull(callers);
    }

    @Override
    public void register(ApiRoutes routes) {
        routes.post("/api/admin/erase", callers.admin(this::erase));
    }

    private void erase(Context ctx, DashboardUser admin) {
        EraseBody body = JsonBody.read(ctx, EraseBody.class);
        long erased;
        try {
            erased = erase.erase(JsonBody.optional(body.source()), JsonBody.optional(body.userId()),
                    JsonBody.optional(body.anonymousId()));
        } catch (IllegalArgumentException e) {
            throw new HttpFailure(400, e.getMessage());
        }
        Responses.json(ctx, 200, Map.of("erased", erased));
    }
}
