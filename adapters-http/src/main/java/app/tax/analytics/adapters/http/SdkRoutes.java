package app.tax.analytics.adapters.http;

import io.javalin.Javalin;
import io.javalin.http.Context;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * {@code GET /sdk/analytics.js}: the browser SDK, for any site's {@code <script>} tag. No write key and no
 * CORS check: it is public code, and the events it sends pass the collector's own checks.
 */
final class SdkRoutes {
    static final String PATH = "/sdk/analytics.js";
    static final String RESOURCE = "/sdk/analytics.js";
    /** An hour: sites pick up a new SDK version soon after a deployment, browsers still cache between pages. */
    static final String CACHE_CONTROL = "public, max-age=3600";

    private final byte[] script;
    private final String etag;

    SdkRoutes() {
        this.script = load();
        this.etag = '"' + sha256(script).substring(0, 32) + '"';
    }

    void register(Javalin app) {
        app.get(PATH, this::serve);
    }

    private void serve(Context ctx) {
        ctx.header("Cache-Control", CACHE_CONTROL);
        ctx.header("ETag", etag);
        // loaded by <script> from other sites' pages: allowed across origins, never with credentials
        ctx.header("Cross-Origin-Resource-Policy", "cross-origin");
        ctx.header("Access-Control-Allow-Origin", "*");
        if (etag.equals(ctx.header("If-None-Match"))) {
            ctx.status(304);
            return;
        }
        ctx.contentType("application/javascript; charset=utf-8");
        ctx.result(script);
    }

    static byte[] load() {
        try (InputStream in = SdkRoutes.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("the browser SDK " + RESOURCE + " is missing from the jar");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }
}
