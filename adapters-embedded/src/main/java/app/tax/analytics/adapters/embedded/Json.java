package app.tax.analytics.adapters.embedded;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/** JSON text for the stored maps (properties, traits, context, queue records) and for users' source lists. */
final class Json {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final TypeReference<List<String>> STRING_LIST = new TypeReference<>() {
    };
    private static final TypeReference<Map<String, Object>> OBJECT = new TypeReference<>() {
    };

    private Json() {
    }

    static String write(Map<String, Object> value) {
        return writeValue(value == null ? Map.of() : value);
    }

    static String write(Collection<String> value) {
        return writeValue(value == null ? List.of() : value);
    }

    static List<String> readStrings(String json) {
        if (json == null || json.isBlank()) {
            return List.of();
        }
        try {
            return MAPPER.readValue(json, STRING_LIST);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored JSON is not a list of strings", e);
        }
    }

    /** A JSON object as written by {@link #write(Map)}; null or blank text gives an empty map. */
    static Map<String, Object> readObject(String json) {
        if (json == null || json.isBlank()) {
            return Map.of();
        }
        try {
            return MAPPER.readValue(json, OBJECT);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("stored JSON is not an object: " + e.getOriginalMessage(), e);
        }
    }

    private static String writeValue(Object value) {
        try {
            return MAPPER.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            // Event maps hold only JSON values (the collector parsed them from JSON), so this is a bug.
            throw new IllegalArgumentException("value cannot be written as JSON: " + e.getOriginalMessage(), e);
        }
    }
}
