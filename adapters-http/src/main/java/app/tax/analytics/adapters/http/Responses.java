package app.tax.analytics.adapters.http;

import io.javalin.http.Context;
import java.time.Duration;

/** Writing response bodies and headers the same way everywhere. */
final class Responses {
    static final String JSON = "application/json";

    private Responses() {
    }

    static void json(Context ctx, int status, Object body) {
        ctx.status(status).contentType(JSON).result(Json.write(body));
    }

    /** {@code Retry-After} in whole seconds, rounded up and at least 1 (0 would invite an immediate retry storm). */
    static void retryAfter(Context ctx, Duration retryAfter) {
        if (retryAfter != null) {
            long millis = Math.max(0, retryAfter.toMillis());
            ctx.header("Retry-After", Long.toString(Math.max(1, (millis + 999) / 1000)));
        }
    }
}
