package app.tax.analytics.adapters.http;

import app.tax.analytics.domain.stats.InvalidQueryException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

/**
 * A request's query string, decoded here rather than by the framework so that broken percent-encoding is
 * a 400 naming the parameter instead of an exception deep in the container.
 */
final class QueryParameters {
    private final Map<String, String> firstValues;

    private QueryParameters(Map<String, String> firstValues) {
        this.firstValues = firstValues;
    }

    static QueryParameters parse(String queryString) {
        Map<String, String> values = new HashMap<>();
        if (queryString == null || queryString.isEmpty()) {
            return new QueryParameters(values);
        }
        for (String pair : queryString.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int equals = pair.indexOf('=');
            String name = decode("query", equals < 0 ? pair : pair.substring(0, equals));
            String value = equals < 0 ? "" : decode(name, pair.substring(equals + 1));
            values.putIfAbsent(name, value);
        }
        return new QueryParameters(values);
    }

    /** The first value of a parameter, or null when it is absent. */
    String get(String name) {
        return firstValues.get(name);
    }

    /** The value, or {@code fallback} when it is absent or blank. */
    String get(String name, String fallback) {
        String value = firstValues.get(name);
        return value == null || value.isBlank() ? fallback : value;
    }

    private static String decode(String parameter, String text) {
        try {
            return URLDecoder.decode(text, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw new InvalidQueryException(parameter, "is not valid URL encoding");
        }
    }
}
