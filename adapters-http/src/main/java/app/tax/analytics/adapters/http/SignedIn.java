package app.tax.analytics.adapters.http;

import app.tax.analytics.domain.user.DashboardUser;
import io.javalin.http.Context;
import io.javalin.http.Handler;

/** Who sent a request: the account of its bearer token, else a 401 (see {@link Callers#user}). */
@FunctionalInterface
interface SignedIn {
    DashboardUser user(Context ctx);

    /** An endpoint for any signed-in account. */
    @FunctionalInterface
    interface UserHandler {
        void handle(Context ctx, DashboardUser user) throws Exception;
    }

    default Handler handler(UserHandler handler) {
        return ctx -> handler.handle(ctx, user(ctx));
    }
}
