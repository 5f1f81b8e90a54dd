package app.tax.analytics.adapters.http;

import io.javalin.http.Context;
import java.util.LinkedHashMap;
import java.util.Map;

/** How a server words its error bodies: Segment's {@code {"success":false,...}} or the dashboard's {@code {"error":...}}. */
enum ErrorStyle {
    SEGMENT {
        @Override
        Map<String, Object> body(String message) {
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("success", false);
            body.put("error", message);
            return body;
        }
    },
    PLAIN {
        @Override
        Map<String, Object> body(String message) {
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("error", message);
            return body;
        }
    };

    abstract Map<String, Object> body(String message);

    void respond(Context ctx, HttpFailure failure) {
        Responses.retryAfter(ctx, failure.retryAfter());
        Responses.json(ctx, failure.status(), body(failure.getMessage()));
    }

    void respond(Context ctx, int status, String message) {
        Responses.json(ctx, status, body(message));
    }
}
