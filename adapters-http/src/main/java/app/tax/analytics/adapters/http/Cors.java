package app.tax.analytics.adapters.http;

import io.javalin.http.Context;
import io.javalin.http.Handler;
import java.net.URI;
import java.util.Locale;
import java.util.Objects;

/**
 * CORS for one API: an exact-match origin allow-list, answered preflights, {@code Vary: Origin}, and never
 * {@code Access-Control-Allow-Credentials} (the APIs authenticate with write keys and bearer tokens, not
 * cookies). A browser request from an origin that is not allowed is refused with 403 rather than merely
 * left unreadable, so a collector never queues events from a foreign site.
 */
final class Cors {
    /** Ten minutes: long enough to spare most preflights, short enough for an allow-list change to apply soon. */
    static final String MAX_AGE_SECONDS = "600";

    private final CorsPolicy policy;
    /** The setting that lists the allowed origins, named in the 403. */
    private final String setting;
    private final String allowedMethods;
    private final String allowedHeaders;
    private final String exposedHeaders;

    /**
     * @param setting        the variable that lists the allowed origins, e.g. ALLOWED_ORIGINS
     * @param allowedMethods what a preflight may ask for, e.g. "POST"
     * @param allowedHeaders request headers a preflight may ask for
     * @param exposedHeaders response headers scripts may read (beyond the CORS-safelisted ones)
     */
    Cors(CorsPolicy policy, String setting, String allowedMethods, String allowedHeaders, String exposedHeaders) {
        this.policy = Objects.requireNonNull(policy);
        this.setting = Objects.requireNonNull(setting);
        this.allowedMethods = allowedMethods;
        this.allowedHeaders = allowedHeaders;
        this.exposedHeaders = exposedHeaders;
    }

    /** Wraps an endpoint so that it runs only for requests this policy admits. */
    Handler guard(Handler endpoint) {
        return ctx -> {
            admit(ctx);
            endpoint.handle(ctx);
        };
    }

    /** Answers {@code OPTIONS} for an endpoint path. */
    Handler preflight() {
        return ctx -> {
            admit(ctx);
            ctx.header("Access-Control-Allow-Methods", allowedMethods);
            ctx.header("Access-Control-Allow-Headers", allowedHeaders);
            ctx.header("Access-Control-Max-Age", MAX_AGE_SECONDS);
            ctx.status(204);
        };
    }

    /**
     * Adds the CORS response headers for an allowed origin.
     *
     * @throws HttpFailure 403 for a browser request from an origin that is neither allowed nor this server's own
     */
    void admit(Context ctx) {
        // every answer depends on Origin, so caches must key on it even when it is absent
        ctx.res().addHeader("Vary", "Origin");
        String origin = ctx.header("Origin");
        if (origin == null) {
            return;
        }
        if (policy.allows(origin)) {
            ctx.header("Access-Control-Allow-Origin", origin);
            ctx.header("Access-Control-Expose-Headers", exposedHeaders);
            return;
        }
        if (isSameOrigin(origin, ctx.header("Host"))) {
            // browsers send Origin on same-origin POSTs too (the web dashboard served by this server)
            return;
        }
        throw new HttpFailure(403, "origin not allowed; add it to " + setting + " to accept requests from it");
    }

    private static boolean isSameOrigin(String origin, String host) {
        if (host == null || host.isBlank()) {
            return false;
        }
        try {
            URI uri = new URI(origin);
            if (uri.getHost() == null || uri.getScheme() == null) {
                return false;
            }
            String scheme = uri.getScheme().toLowerCase(Locale.ROOT);
            int defaultPort = scheme.equals("https") ? 443 : 80;
            String authority = uri.getPort() < 0 || uri.getPort() == defaultPort
                    ? uri.getHost() : uri.getHost() + ":" + uri.getPort();
            String hostWithoutDefaultPort = host.endsWith(":" + defaultPort)
                    ? host.substring(0, host.length() - (":" + defaultPort).length()) : host;
            return authority.equalsIgnoreCase(hostWithoutDefaultPort.strip());
        } catch (java.net.URISyntaxException e) {
            return false;
        }
    }
}
