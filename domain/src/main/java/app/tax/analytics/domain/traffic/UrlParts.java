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
            // java.net.URI gives no host for names it deems invalid (IDN "bücher.de", "my_site.example"):
            // it then keeps them as a registry authority, from which the host is read here.
            String host = uri.getHost() != null ? uri.getHost().toLowerCase(Locale.ROOT) : hostOf(uri.getRawAuthority());
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
            String name = decodeQueryComponent(eq < 0 ? pair : pair.substring(0, eq));
            String value = eq < 0 ? "" : decodeQueryComponent(pair.substring(eq + 1));
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
            return new UrlParts(null, beforeQuery.isEmpty() ? null : decode(beforeQuery), query);
        }
        int slash = beforeQuery.indexOf('/');
        String host = hostOf(slash >= 0 ? beforeQuery.substring(0, slash) : beforeQuery);
        // Decoded like the path of a URL that java.net.URI accepts, so one page is one path either way.
        String path = slash >= 0 ? decode(beforeQuery.substring(slash)) : "/";
        return new UrlParts(host, path, query);
    }

    /** The host of an authority ({@code user@host:port}), lower case; IPv6 literals keep their brackets. */
    private static String hostOf(String authority) {
        if (authority == null) {
            return null;
        }
        String hostAndPort = authority.substring(authority.lastIndexOf('@') + 1);
        String host;
        if (hostAndPort.startsWith("[")) {
            int close = hostAndPort.indexOf(']');
            host = close > 0 ? hostAndPort.substring(0, close + 1) : hostAndPort;
        } else {
            int colon = hostAndPort.indexOf(':');
            host = colon >= 0 ? hostAndPort.substring(0, colon) : hostAndPort;
        }
        return host.isEmpty() ? null : host.toLowerCase(Locale.ROOT);
    }

    /** A query string name or value: form encoding, where {@code +} is a space (as browsers' URLSearchParams read it). */
    private static String decodeQueryComponent(String text) {
        try {
            return URLDecoder.decode(text, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return text;
        }
    }

    /** A path: {@code +} is a literal plus there. */
    private static String decode(String text) {
        try {
            return URLDecoder.decode(text.replace("+", "%2B"), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return text;
        }
    }
}
