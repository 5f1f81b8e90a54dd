package app.tax.analytics.adapters.http;

import io.javalin.http.Context;

/** The client's IP address under a {@link ProxyPolicy}. */
final class ClientAddress {
    /** Longest textual IP address (IPv6 with an embedded IPv4 part). */
    private static final int MAX_LENGTH = 45;

    private ClientAddress() {
    }

    /**
     * The socket peer; behind a trusted proxy {@code CF-Connecting-IP}, else the first (client-most)
     * {@code X-Forwarded-For} entry. A header value that is not an IP address literal is ignored, so
     * garbage never reaches GeoIP or the rate-limit key.
     */
    static String of(Context ctx, ProxyPolicy proxy) {
        if (proxy.trustProxy()) {
            String cloudflare = literal(ctx.header("CF-Connecting-IP"));
            if (cloudflare != null) {
                return cloudflare;
            }
            String forwarded = ctx.header("X-Forwarded-For");
            if (forwarded != null) {
                int comma = forwarded.indexOf(',');
                String first = literal(comma < 0 ? forwarded : forwarded.substring(0, comma));
                if (first != null) {
                    return first;
                }
            }
        }
        return ctx.req().getRemoteAddr();
    }

    /** The trimmed value when it looks like an IPv4 or IPv6 literal (checked by characters: no DNS lookups). */
    static String literal(String value) {
        if (value == null) {
            return null;
        }
        String candidate = value.strip();
        if (candidate.length() < 2 || candidate.length() > MAX_LENGTH) {
            return null;
        }
        boolean separator = false;
        for (int i = 0; i < candidate.length(); i++) {
            char c = candidate.charAt(i);
            boolean hex = (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
            separator |= c == '.' || c == ':';
            if (!hex && c != '.' && c != ':') {
                return null;
            }
        }
        return separator ? candidate : null;
    }
}
