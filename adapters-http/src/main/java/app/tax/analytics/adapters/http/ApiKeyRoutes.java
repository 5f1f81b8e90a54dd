package app.tax.analytics.adapters.http;

import app.tax.analytics.application.port.in.ManageApiKeys;
import app.tax.analytics.domain.access.ApiKey;
import app.tax.analytics.domain.user.DashboardUser;
import io.javalin.http.Context;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/** API keys, for admins: {@code /api/keys}. The key itself is in the answer to its creation only. */
final class ApiKeyRoutes implements DashboardRouteGroup {
    private final ManageApiKeys keys;
    private final Callers callers;

    /** {@code minVisitors} optional (0: no small-count limit). */
    record NewKeyBody(String name, List<String> sources, Integer minVisitors) {
    }

    ApiKeyRoutes(ManageApiKeys keys, Callers callers) {
        this.keys = Objects.requireNonNull(keys);
        this.callers = Objects.requireNonNull(callers);
    }

    @Override
    public void register(ApiRoutes routes) {
        routes.post("/api/keys", callers.admin(this::create))
                .get("/api/keys", callers.admin(this::list))
                .delete("/api/keys/{id}", callers.admin(this::revoke));
    }

    private void create(Context ctx, DashboardUser admin) {
        NewKeyBody body = JsonBody.read(ctx, NewKeyBody.class);
        String name = JsonBody.required(body.name(), "name");
        List<String> sources = JsonBody.names(body.sources(), "sources", "source names");
        if (sources == null || sources.isEmpty()) {
            throw new HttpFailure(400, "sources: is required (a list of the source names the key may read)");
        }
        ManageApiKeys.CreatedKey created;
        try {
            created = keys.create(name, new LinkedHashSet<>(sources), body.minVisitors() == null ? 0 : body.minVisitors());
        } catch (IllegalArgumentException e) {
            // the domain names the field: name, sources, minVisitors
            throw new HttpFailure(400, e.getMessage());
        }
        Map<String, Object> answer = describe(created.apiKey());
        answer.put("key", created.key());
        Responses.json(ctx, 201, answer);
    }

    private void list(Context ctx, DashboardUser admin) {
        Responses.json(ctx, 200, keys.list().stream().map(ApiKeyRoutes::describe).toList());
    }

    private void revoke(Context ctx, DashboardUser admin) {
        String id = ctx.pathParam("id");
        if (!keys.revoke(id)) {
            throw new HttpFailure(404, "no API key with id " + (ApiKey.isId(id) ? id : "like that"));
        }
        ctx.status(204);
    }

    /** What the API shows of a key: never the key or its hash. */
    private static Map<String, Object> describe(ApiKey key) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("id", key.id());
        body.put("name", key.name());
        body.put("sources", key.sources().stream().sorted().toList());
        body.put("minVisitors", key.minVisitors());
        body.put("createdAt", key.createdAt().toString());
        return body;
    }
}
