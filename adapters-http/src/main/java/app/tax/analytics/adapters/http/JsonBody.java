package app.tax.analytics.adapters.http;

import app.tax.analytics.domain.stats.InvalidQueryException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.exc.InputCoercionException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import io.javalin.http.Context;
import java.io.IOException;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Request bodies bound to records (Jackson, {@link Json#BINDER}): a field of the wrong type is a 400 that names
 * the field and the type it must have, e.g. {@code windowMinutes: must be a whole number}; unknown fields are
 * ignored, absent ones are null (the routes say which are required).
 */
final class JsonBody {
    /** Request bodies of the dashboard API are a few short strings and lists. */
    static final int MAX_BYTES = 16 * 1024;

    private JsonBody() {
    }

    /** @throws HttpFailure 400 for an empty or malformed body, one that is not an object, or a field of the wrong type */
    static <T extends Record> T read(Context ctx, Class<T> type) {
        return bind(BodyReader.read(ctx, MAX_BYTES), type);
    }

    static <T extends Record> T bind(byte[] body, Class<T> type) {
        if (Json.isBlank(body)) {
            throw new HttpFailure(400, "the body is empty; expected a JSON object");
        }
        T value;
        try (JsonParser parser = Json.BINDER.createParser(body)) {
            try {
                value = Json.BINDER.readValue(parser, type);
            } catch (JsonMappingException e) {
                throw wrongField(e);
            } catch (IOException e) {
                throw Json.malformed(e, parser.currentLocation());
            }
        } catch (IOException e) {
            throw Json.malformed(e, null);
        }
        if (value == null) {
            throw new HttpFailure(400, "the body must be a JSON object");
        }
        return value;
    }

    private static HttpFailure wrongField(JsonMappingException e) {
        String field = e.getPath().stream()
                .map(reference -> reference.getFieldName() != null ? "." + reference.getFieldName() : "[" + reference.getIndex() + "]")
                .collect(Collectors.joining());
        if (field.isEmpty()) {
            return e instanceof MismatchedInputException
                    ? new HttpFailure(400, "the body must be a JSON object") : Json.malformed(e, e.getLocation());
        }
        if (e.getCause() instanceof InputCoercionException) {
            return new HttpFailure(400, field.substring(1) + ": is out of range");
        }
        Class<?> target = e instanceof MismatchedInputException mismatch ? mismatch.getTargetType() : null;
        return new HttpFailure(400, (field.startsWith(".") ? field.substring(1) : field) + ": " + expected(target));
    }

    private static String expected(Class<?> target) {
        if (target == null) {
            return "has the wrong type";
        }
        if (target == String.class) {
            return "must be a string";
        }
        if (target == Long.class || target == Integer.class || target == long.class || target == int.class) {
            return "must be a whole number";
        }
        if (target == Boolean.class || target == boolean.class) {
            return "must be true or false";
        }
        if (Collection.class.isAssignableFrom(target) || target.isArray()) {
            return "must be a list";
        }
        return "must be an object";
    }

    /** A required string field: present and not empty (kept as sent, e.g. a password with spaces). */
    static String required(String value, String field) {
        if (value == null || value.isEmpty()) {
            throw new HttpFailure(400, field + ": is required (a string)");
        }
        return value;
    }

    /** An optional string field: blank counts as absent; otherwise stripped. */
    static String optional(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }

    /** The body as a JSON object of at most {@link #MAX_BYTES}, for the routes that read it field by field. */
    static Map<String, Object> readObject(Context ctx) {
        return Json.readObject(BodyReader.read(ctx, MAX_BYTES), "the body");
    }

    /**
     * {@link #optionalText}, but required.
     *
     * @param rule what the error says after the field, e.g. "is required"
     */
    static String requiredText(Map<String, Object> form, String field, String rule) {
        String text = optionalText(form, field);
        if (text == null) {
            throw new InvalidQueryException(field, rule);
        }
        return text;
    }

    /**
     * A string field of a body read as a map (the board's routes): absent, null or blank is null; otherwise
     * stripped.
     *
     * @throws HttpFailure 400 when it is not a string
     */
    static String optionalText(Map<String, Object> form, String field) {
        Object value = form.get(field);
        if (value == null) {
            return null;
        }
        if (!(value instanceof String text)) {
            throw new HttpFailure(400, field + ": must be a string");
        }
        return optional(text);
    }

    /** A list of names, each a non-blank string, stripped; null stays null (absent). */
    static List<String> names(List<String> values, String field, String what) {
        if (values == null) {
            return null;
        }
        if (values.stream().anyMatch(name -> name == null || name.isBlank())) {
            throw new HttpFailure(400, field + ": must be a list of " + what);
        }
        return values.stream().map(String::strip).toList();
    }
}
