package app.tax.analytics.domain.event;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** JSON-shaped test values as a JSON parser hands them over (mutable maps that allow null values). */
final class Json {
    private Json() {
    }

    /** An object from alternating keys and values: {@code obj("type", "track", "event", "Signed Up")}. */
    static Map<String, Object> obj(Object... keysAndValues) {
        if (keysAndValues.length % 2 != 0) {
            throw new IllegalArgumentException("keys and values must alternate");
        }
        Map<String, Object> map = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            map.put((String) keysAndValues[i], keysAndValues[i + 1]);
        }
        return map;
    }

    static List<Object> arr(Object... values) {
        return new ArrayList<>(Arrays.asList(values));
    }

    /** {@code base} with more keys set (or replaced). */
    static Map<String, Object> with(Map<String, Object> base, Object... keysAndValues) {
        Map<String, Object> copy = new LinkedHashMap<>(base);
        copy.putAll(obj(keysAndValues));
        return copy;
    }

    /** {@code base} without {@code keys}. */
    static Map<String, Object> without(Map<String, Object> base, String... keys) {
        Map<String, Object> copy = new LinkedHashMap<>(base);
        for (String key : keys) {
            copy.remove(key);
        }
        return copy;
    }
}
