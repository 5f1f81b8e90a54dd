package app.tax.analytics.adapters.http;

import io.javalin.http.Context;
import java.util.List;

/** Headers every response carries, whatever its route or status. */
final class SecurityHeaders {
    /** Strict: only this server's own resources, no framing, no plugins, no foreign form targets. */
    static final String CONTENT_SECURITY_POLICY =
            "default-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'";

    private SecurityHeaders() {
    }

    /**
     * Lets pages of {@code origins} frame this response (a shared link's embedding): {@code frame-ancestors} lists
     * them, and X-Frame-Options, which knows no list, is dropped (browsers that know CSP ignore it anyway).
     */
    static void allowFraming(Context ctx, List<String> origins) {
        ctx.header("Content-Security-Policy", CONTENT_SECURITY_POLICY.replace("frame-ancestors 'none'",
                "frame-ancestors " + String.join(" ", origins)));
        ctx.res().setHeader("X-Frame-Options", null);
    }

    static void apply(Context ctx) {
        ctx.header("X-Content-Type-Options", "nosniff");
        ctx.header("Referrer-Policy", "no-referrer");
        ctx.header("Content-Security-Policy", CONTENT_SECURITY_POLICY);
        ctx.header("X-Frame-Options", "DENY");
    }
}
