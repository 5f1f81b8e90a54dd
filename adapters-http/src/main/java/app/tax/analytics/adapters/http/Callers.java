package app.tax.analytics.adapters.http;

import app.tax.analytics.application.port.in.AccessDeniedException;
import app.tax.analytics.application.port.in.Authenticate;
import app.tax.analytics.application.port.in.ManageApiKeys;
import app.tax.analytics.domain.access.ApiKey;
import app.tax.analytics.domain.access.Viewer;
import app.tax.analytics.domain.user.DashboardUser;
import app.tax.analytics.domain.user.Role;
import io.javalin.http.Context;
import io.javalin.http.Handler;
import java.util.Objects;
import java.util.Optional;

/**
 * Who calls a dashboard endpoint, from its {@code Authorization: Bearer} header: a signed-in user, an admin, or
 * (for the stats reads only) an API key.
 */
final class Callers {
    /** Longer than any token we issue; bounds the work a garbage header can cause. */
    static final int MAX_TOKEN_LENGTH = 4096;

    private final Authenticate auth;
    /** Empty: this server takes no API keys. */
    private final Optional<ManageApiKeys> keys;

    Callers(Authenticate auth, Optional<ManageApiKeys> keys) {
        this.auth = Objects.requireNonNull(auth);
        this.keys = Objects.requireNonNull(keys);
    }

    /** Whoever may read stats: a signed-in user or a valid API key (which then reads its own sources only). */
    Viewer reader(Context ctx) {
        String token = bearer(ctx);
        if (ApiKey.looksLikeKey(token)) {
            return key(ctx, token);
        }
        return userFor(ctx, token);
    }

    private ApiKey key(Context ctx, String token) {
        Optional<ApiKey> key = keys.flatMap(known -> known.keyFor(token));
        if (key.isEmpty()) {
            ctx.header("WWW-Authenticate", "Bearer error=\"invalid_token\"");
            throw new HttpFailure(401, "the API key is unknown or revoked");
        }
        return key.get();
    }

    /** An endpoint for a signed-in user. */
    @FunctionalInterface
    interface UserHandler {
        void handle(Context ctx, DashboardUser user) throws Exception;
    }

    /** For any signed-in user. */
    Handler signedIn(UserHandler handler) {
        return ctx -> handler.handle(ctx, user(ctx));
    }

    /** For admins only: a viewer gets 403. */
    Handler admin(UserHandler handler) {
        return ctx -> {
            DashboardUser user = user(ctx);
            if (user.role() != Role.ADMIN) {
                throw new AccessDeniedException("only an admin may do this");
            }
            handler.handle(ctx, user);
        };
    }

    DashboardUser user(Context ctx) {
        String token = bearer(ctx);
        if (ApiKey.looksLikeKey(token)) {
            key(ctx, token);
            throw new AccessDeniedException("an API key reads the stats API only; sign in for this");
        }
        return userFor(ctx, token);
    }

    DashboardUser userFor(Context ctx, String token) {
        Optional<DashboardUser> user = auth.userFor(token);
        if (user.isEmpty()) {
            throw invalidToken(ctx);
        }
        return user.get();
    }

    /** The bearer token of the request, within {@link #MAX_TOKEN_LENGTH}; 401 without one. */
    static String bearer(Context ctx) {
        String authorization = ctx.header("Authorization");
        if (authorization == null || !authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            ctx.header("WWW-Authenticate", "Bearer");
            throw new HttpFailure(401, "sign in first: send Authorization: Bearer <token> from /api/auth/login");
        }
        String token = authorization.substring(7).strip();
        if (token.isEmpty() || token.length() > MAX_TOKEN_LENGTH) {
            throw invalidToken(ctx);
        }
        return token;
    }

    static HttpFailure invalidToken(Context ctx) {
        ctx.header("WWW-Authenticate", "Bearer error=\"invalid_token\"");
        return new HttpFailure(401, "the token is invalid or expired; sign in again");
    }
}
