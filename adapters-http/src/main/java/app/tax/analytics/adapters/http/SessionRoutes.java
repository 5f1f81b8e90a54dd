package app.tax.analytics.adapters.http;

import app.tax.analytics.application.port.in.Authenticate;
import app.tax.analytics.application.port.in.Authenticate.LoginOutcome;
import app.tax.analytics.application.port.in.ManageUsers;
import app.tax.analytics.domain.user.DashboardUser;
import io.javalin.http.Context;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/** Signing in, the signed-in account and its password: {@code /api/auth/*} and {@code /api/me}. */
final class SessionRoutes implements DashboardRouteGroup {
    private final Authenticate auth;
    private final ManageUsers users;
    private final Callers callers;
    private final ProxyPolicy proxy;

    record LoginBody(String email, String password) {
    }

    record PasswordBody(String currentPassword, String newPassword) {
    }

    SessionRoutes(Authenticate auth, ManageUsers users, Callers callers, ProxyPolicy proxy) {
        this.auth = Objects.requireNonNull(auth);
        this.users = Objects.requireNonNull(users);
        this.callers = Objects.requireNonNull(callers);
        this.proxy = Objects.requireNonNull(proxy);
    }

    @Override
    public void register(ApiRoutes routes) {
        routes.post("/api/auth/login", this::login)
                .post("/api/auth/password", callers.signedIn(this::changePassword))
                .get("/api/me", callers.signedIn(this::me));
    }

    private void login(Context ctx) {
        LoginBody body = JsonBody.read(ctx, LoginBody.class);
        LoginOutcome outcome = auth.login(JsonBody.required(body.email(), "email"), JsonBody.required(body.password(), "password"),
                ClientAddress.of(ctx, proxy));
        if (outcome instanceof LoginOutcome.LoggedIn loggedIn) {
            Map<String, Object> answer = new LinkedHashMap<>();
            answer.put("token", loggedIn.token());
            answer.put("expiresAt", loggedIn.expiresAt().toString());
            Responses.json(ctx, 200, answer);
        } else if (outcome instanceof LoginOutcome.InvalidCredentials) {
            throw new HttpFailure(401, "wrong e-mail or password");
        } else if (outcome instanceof LoginOutcome.Throttled throttled) {
            throw new HttpFailure(429, "too many failed sign-ins; wait before trying again", throttled.retryAfter());
        } else {
            throw new IllegalStateException("unknown outcome " + outcome.getClass().getSimpleName());
        }
    }

    private void changePassword(Context ctx, DashboardUser user) {
        PasswordBody body = JsonBody.read(ctx, PasswordBody.class);
        String current = JsonBody.required(body.currentPassword(), "currentPassword");
        String replacement = JsonBody.required(body.newPassword(), "newPassword");
        try {
            users.changePassword(user.email(), current, replacement);
        } catch (IllegalArgumentException e) {
            // the service words the problem: wrong current password, or a too weak new one
            throw new HttpFailure(400, e.getMessage());
        }
        ctx.status(204);
    }

    /** The signed-in account; {@code sources} empty means every source; {@code minVisitors} only when limited. */
    private void me(Context ctx, DashboardUser user) {
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("email", user.email());
        answer.put("role", user.role().wireName());
        answer.put("sources", user.sources().stream().sorted().toList());
        if (user.minVisitors() > 0) {
            answer.put("minVisitors", user.minVisitors());
        }
        Responses.json(ctx, 200, answer);
    }
}
