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

    @Option(names = "--trust-proxy", paramLabel = "BOOL", defaultValue = "${env:TRUST_PROXY}",
            description = "TRUST_PROXY: take the client IP from CF-Connecting-IP / X-Forwarded-For (only behind your own proxy). Default false.")
    String trustProxy;

    public CorsPolicy cors() {
        var origins = Values.list(allowedOrigins);
        for (String origin : origins) {
            try {
                URI uri = new URI(origin);
                if (uri.getScheme() == null || uri.getHost() == null || (uri.getPath() != null && !uri.getPath().isEmpty())) {
                    throw new ConfigurationException("ALLOWED_ORIGINS entry '" + origin + "' must be an origin like https://tax.app (scheme, host, optional port; no path)");
                }
            } catch (URISyntaxException e) {
                throw new ConfigurationException("ALLOWED_ORIGINS entry '" + origin + "' is not a valid origin");
            }
        }
        return new CorsPolicy(origins);
    }

    public ProxyPolicy proxy() {
        return new ProxyPolicy(Values.bool("TRUST_PROXY", trustProxy, false));
    }
}
