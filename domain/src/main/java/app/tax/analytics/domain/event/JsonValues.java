package app.tax.analytics.domain.event;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Helpers for JSON-shaped values (maps, lists, strings, numbers, booleans, null) as a JSON parser
 * hands them to the domain.
 */
public final class JsonValues {
    private JsonValues() {
    }

    /** A deep, unmodifiable copy that keeps key order (null values are kept, which {@code Map.copyOf} forbids). */
    public static Map<String, Object> immutableCopy(Map<String, ?> source) {
        Map<String, Object> copy = new LinkedHashMap<>();
        source.forEach((key, value) -> copy.put(key, immutableValue(value)));
        return Collections.unmodifiableMap(copy);
    }

    private static Object immutableValue(Object value) {
        if (value instanceof Map<?, ?> map) {
            Map<String, Object> copy = new LinkedHashMap<>();
            map.forEach((k, v) -> copy.put(String.valueOf(k), immutableValue(v)));
            return Collections.unmodifiableMap(copy);
        }
        if (value instanceof List<?> list) {
            List<Object> copy = new ArrayList<>(list.size());
            list.forEach(v -> copy.add(immutableValue(v)));
            return Collections.unmodifiableList(copy);
        }
        return value;
    }

    /** The value at {@code key} when it is a JSON object, otherwise an empty map. */
    @SuppressWarnings("unchecked")
    public static Map<String, Object> object(Map<String, ?> parent, String key) {
        Object value = parent == null ? null : parent.get(key);
        return value instanceof Map<?, ?> map ? (Map<String, Object>) map : Map.of();
    }

    /** The value at {@code key} as text when it is a string or number; blank strings count as absent. */
    public static String text(Map<String, ?> parent, String key) {
        Object value = parent == null ? null : parent.get(key);
        if (value instanceof String s) {
            return s.isBlank() ? null : s;
        }
        if (value instanceof Number || value instanceof Boolean) {
            return String.valueOf(value);
        }
        return null;
    }
}
