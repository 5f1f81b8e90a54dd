package app.tax.analytics.adapters.http;

import io.javalin.http.Context;

/** Headers every response carries, whatever its route or status. */
final class SecurityHeaders {
    /** Strict: only this server's own resources, no framing, no plugins, no foreign form targets. */
    static final String CONTENT_SECURITY_POLICY =
            "default-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'";

    private SecurityHeaders() {
    }

    static void apply(Context ctx) {
        ctx.header("X-Content-Type-Options", "nosniff");
        ctx.header("Referrer-Policy", "no-referrer");
        ctx.header("Content-Security-Policy", CONTENT_SECURITY_POLICY);
        ctx.header("X-Frame-Options", "DENY");
    }
}
