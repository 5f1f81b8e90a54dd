package app.tax.analytics.bootstrap.admin;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.Javalin;
import io.javalin.http.Context;
import java.io.IOException;

/**
 * The baseline of {@code bench --baseline}: a Javalin server on loopback with default settings whose
 * {@code /v1/track} and {@code /v1/batch} read the body, parse it with Jackson and answer what the collector
 * answers, without validating or queueing anything. What the HTTP layer and JSON parsing alone cost.
 */
final class NoOpCollector implements AutoCloseable {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final String SUCCESS = "{\"success\":true}";

    private final Javalin app;

    private NoOpCollector(Javalin app) {
        this.app = app;
    }

    /** Starts it on loopback {@code port}, 0 for a free one. */
    static NoOpCollector start(int port) {
        Javalin app = Javalin.create(config -> {
            config.showJavalinBanner = false;
            config.startupWatcherEnabled = false;
        });
        app.post("/v1/track", NoOpCollector::parseAndAnswer);
        app.post("/v1/batch", NoOpCollector::parseAndAnswer);
        app.start("127.0.0.1", port);
        return new NoOpCollector(app);
    }

    private static void parseAndAnswer(Context ctx) throws IOException {
        MAPPER.readTree(ctx.bodyAsBytes());
        ctx.contentType("application/json").result(SUCCESS);
    }

    String url() {
        return "http://127.0.0.1:" + app.port();
    }

    @Override
    public void close() {
        app.stop();
    }
}
