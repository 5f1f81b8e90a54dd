package app.tax.analytics.adapters.http;

import io.javalin.Javalin;
import io.javalin.http.Handler;
import java.util.HashSet;
import java.util.Set;

/** Registers API endpoints behind a {@link Cors} policy, each path with its preflight. */
final class ApiRoutes {
    private final Javalin app;
    private final Cors cors;
    private final Set<String> preflighted = new HashSet<>();

    ApiRoutes(Javalin app, Cors cors) {
        this.app = app;
        this.cors = cors;
    }

    ApiRoutes get(String path, Handler handler) {
        app.get(path, cors.guard(handler));
        answerPreflight(path);
        return this;
    }

    ApiRoutes post(String path, Handler handler) {
        app.post(path, cors.guard(handler));
        answerPreflight(path);
        return this;
    }

    ApiRoutes delete(String path, Handler handler) {
        app.delete(path, cors.guard(handler));
        answerPreflight(path);
        return this;
    }

    /** A page for browsers to open, not an API: no CORS. */
    ApiRoutes page(String path, Handler handler) {
        app.get(path, handler);
        return this;
    }

    private void answerPreflight(String path) {
        if (preflighted.add(path)) {
            app.options(path, cors.preflight());
        }
    }
}
