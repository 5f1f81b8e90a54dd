package app.tax.analytics.domain.traffic;

import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Host, path and query of a URL, read leniently: analytics URLs come from browsers and are often
 * not strictly valid. Hosts are lower-cased; a missing path is "/".
 */
public record UrlParts(String host, String path, String query) {
    public static final UrlParts EMPTY = new UrlParts(null, null, null);

    public static UrlParts parse(String url) {
        if (url == null || url.isBlank()) {
            return EMPTY;
        }
        String text = url.strip();
        int fragment = text.indexOf('#');
        if (fragment >= 0) {
            text = text.substring(0, fragment);
        }
        try {
            URI uri = new URI(text.replace(" ", "%20").replace("|", "%7C"));
            String host = uri.getHost() == null ? null : uri.getHost().toLowerCase(Locale.ROOT);
            String path = uri.getRawPath() == null || uri.getRawPath().isEmpty() ? (host == null ? null : "/") : decode(uri.getRawPath());
            return new UrlParts(host, path, uri.getRawQuery());
        } catch (URISyntaxException e) {
            return fallback(text);
        }
    }

    /** Host without a leading {@code www.}, for grouping referrers. */
    public String domain() {
        return host == null ? null : host.startsWith("www.") ? host.substring(4) : host;
    }

    /** The query string's parameters, decoded; the first value wins for repeated names. */
    public Map<String, String> queryParameters() {
        Map<String, String> parameters = new LinkedHashMap<>();
        if (query == null || query.isEmpty()) {
            return parameters;
        }
        for (String pair : query.split("&")) {
            int eq = pair.indexOf('=');
            String name = decode(eq < 0 ? pair : pair.substring(0, eq));
            String value = eq < 0 ? "" : decode(pair.substring(eq + 1));
            if (!name.isEmpty()) {
                parameters.putIfAbsent(name, value);
            }
        }
        return parameters;
    }

    private static UrlParts fallback(String text) {
        int scheme = text.indexOf("://");
        String rest = scheme >= 0 ? text.substring(scheme + 3) : text;
        int question = rest.indexOf('?');
        String query = question >= 0 ? rest.substring(question + 1) : null;
        String beforeQuery = question >= 0 ? rest.substring(0, question) : rest;
        if (scheme < 0) {
            return new UrlParts(null, beforeQuery.isEmpty() ? null : beforeQuery, query);
        }
        int slash = beforeQuery.indexOf('/');
        String host = (slash >= 0 ? beforeQuery.substring(0, slash) : beforeQuery).toLowerCase(Locale.ROOT);
        int at = host.lastIndexOf('@');
        host = at >= 0 ? host.substring(at + 1) : host;
        int colon = host.indexOf(':');
        host = colon >= 0 ? host.substring(0, colon) : host;
        String path = slash >= 0 ? beforeQuery.substring(slash) : "/";
        return new UrlParts(host.isEmpty() ? null : host, path, query);
    }

    private static String decode(String text) {
        try {
            return URLDecoder.decode(text.replace("+", "%2B"), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return text;
        }
    }
}
