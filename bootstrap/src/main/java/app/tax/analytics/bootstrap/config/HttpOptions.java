package app.tax.analytics.bootstrap.config;

import app.tax.analytics.adapters.http.CorsPolicy;
import app.tax.analytics.adapters.http.ProxyPolicy;
import java.net.URI;
import java.net.URISyntaxException;
import picocli.CommandLine.Option;

/** Options shared by the roles that serve HTTP to browsers and SDKs. */
public final class HttpOptions {
    @Option(names = "--allowed-origins", paramLabel = "ORIGINS", defaultValue = "${env:ALLOWED_ORIGINS}",
            description = "ALLOWED_ORIGINS: comma-separated browser origins allowed by CORS, e.g. https://tax.app (exact match).")
    String allowedOrigins;

    @Option(names = "--dashboard-allowed-origins", paramLabel = "ORIGINS", defaultValue = "${env:DASHBOARD_ALLOWED_ORIGINS}",
            description = "DASHBOARD_ALLOWED_ORIGINS: browser origins allowed to call the dashboard API cross-origin (exact match)."
                    + " Default none: only the dashboard's own pages. Separate from ALLOWED_ORIGINS, the tracked sites.")
    String dashboardAllowedOrigins;

    @Option(names = "--trust-proxy", paramLabel = "BOOL", defaultValue = "${env:TRUST_PROXY}",
            description = "TRUST_PROXY: take the client IP from CF-Connecting-IP / X-Forwarded-For (only behind your own proxy). Default false.")
    String trustProxy;

    /** The collector's: the tracked sites whose pages send events. */
    public CorsPolicy cors() {
        return policy("ALLOWED_ORIGINS", allowedOrigins);
    }

    /** The dashboard API's: none by default, so a tracked site's scripts cannot call it. */
    public CorsPolicy dashboardCors() {
        return policy("DASHBOARD_ALLOWED_ORIGINS", dashboardAllowedOrigins);
    }

    private static CorsPolicy policy(String variable, String raw) {
        var origins = Values.list(raw);
        for (String origin : origins) {
            try {
                URI uri = new URI(origin);
                if (uri.getScheme() == null || uri.getHost() == null || (uri.getPath() != null && !uri.getPath().isEmpty())) {
                    throw new ConfigurationException(variable + " entry '" + origin + "' must be an origin like https://tax.app (scheme, host, optional port; no path)");
                }
            } catch (URISyntaxException e) {
                throw new ConfigurationException(variable + " entry '" + origin + "' is not a valid origin");
            }
        }
        return new CorsPolicy(origins);
    }

    public ProxyPolicy proxy() {
        return new ProxyPolicy(Values.bool("TRUST_PROXY", trustProxy, false));
    }
}
