package app.tax.analytics.adapters.http;

import app.tax.analytics.application.port.in.LastAdminException;
import app.tax.analytics.application.port.in.ManageUsers;
import app.tax.analytics.domain.user.DashboardUser;
import app.tax.analytics.domain.user.Role;
import io.javalin.http.Context;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/** Dashboard accounts, for admins: {@code /api/users}. */
final class AccountRoutes implements DashboardRouteGroup {
    private final ManageUsers users;
    private final Callers callers;

    /** {@code sources} optional: every source; {@code minVisitors} optional: no small-count limit. */
    record NewAccountBody(String email, String password, String role, List<String> sources, Integer minVisitors) {
    }

    AccountRoutes(ManageUsers users, Callers callers) {
        this.users = Objects.requireNonNull(users);
        this.callers = Objects.requireNonNull(callers);
    }

    @Override
    public void register(ApiRoutes routes) {
        routes.get("/api/users", callers.admin(this::list))
                .post("/api/users", callers.admin(this::add))
                .delete("/api/users/{email}", callers.admin(this::remove));
    }

    private void list(Context ctx, DashboardUser admin) {
        Responses.json(ctx, 200, users.list().stream().sorted(Comparator.comparing(DashboardUser::email))
                .map(AccountRoutes::account).toList());
    }

    private void add(Context ctx, DashboardUser admin) {
        NewAccountBody body = JsonBody.read(ctx, NewAccountBody.class);
        String roleName = JsonBody.required(body.role(), "role");
        Role role = Role.fromWire(roleName).orElseThrow(() -> new HttpFailure(400, "role: unknown '" + roleName + "'; admin or viewer"));
        List<String> listed = JsonBody.names(body.sources(), "sources", "source names");
        Set<String> sources = listed == null ? Set.of() : new LinkedHashSet<>(listed);
        DashboardUser created;
        try {
            created = users.add(JsonBody.required(body.email(), "email"), JsonBody.required(body.password(), "password"), role, sources,
                    body.minVisitors() == null ? 0 : body.minVisitors());
        } catch (IllegalArgumentException e) {
            // the service words the problem: not an e-mail, taken, too weak a password
            throw new HttpFailure(400, e.getMessage());
        }
        Responses.json(ctx, 201, account(created));
    }

    private void remove(Context ctx, DashboardUser admin) {
        String email = ctx.pathParam("email");
        boolean removed;
        try {
            removed = users.remove(email);
        } catch (LastAdminException e) {
            throw new HttpFailure(409, e.getMessage());
        } catch (IllegalArgumentException e) {
            throw new HttpFailure(400, e.getMessage());
        }
        if (!removed) {
            throw new HttpFailure(404, "no account with e-mail " + email);
        }
        ctx.status(204);
    }

    /** What the API shows of an account: never its password hash. */
    private static Map<String, Object> account(DashboardUser user) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("email", user.email());
        body.put("role", user.role().wireName());
        body.put("sources", user.sources().stream().sorted().toList());
        body.put("minVisitors", user.minVisitors());
        body.put("createdAt", user.createdAt().toString());
        return body;
    }
}
