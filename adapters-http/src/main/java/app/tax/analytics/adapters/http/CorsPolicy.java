package app.tax.analytics.adapters.http;

import java.util.List;

/**
 * Which browser origins may call an API cross-origin ({@code ALLOWED_ORIGINS}). Matching is exact
 * ({@code https://tax.app} allows neither {@code http://tax.app} nor {@code https://www.tax.app});
 * requests without an {@code Origin} header (server SDKs) are always allowed.
 */
public record CorsPolicy(List<String> allowedOrigins) {
    public CorsPolicy {
        allowedOrigins = allowedOrigins == null ? List.of() : List.copyOf(allowedOrigins);
    }

    boolean allows(String origin) {
        return origin != null && allowedOrigins.contains(origin);
    }
}
