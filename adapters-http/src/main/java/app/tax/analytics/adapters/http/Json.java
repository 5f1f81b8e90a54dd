package app.tax.analytics.adapters.http;

import app.tax.analytics.domain.event.IngestionLimits;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.type.LogicalType;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.util.Map;
import java.util.regex.Pattern;

/** The one JSON mapper of this adapter: request limits of docs/ARCHITECTURE.md, "Ingestion contract" built into the parser. */
final class Json {
    static final ObjectMapper MAPPER = createMapper();
    /**
     * Binds request bodies to records ({@link JsonBody}) with the same limits, and strictly: no number for a
     * string, no string for a number, no 1.5 for a whole number; unknown fields are ignored.
     */
    static final ObjectMapper BINDER = createBinder();
    private static final Pattern SOURCE_LOCATION = Pattern.compile("\\[Source: .*?; line: (\\d+), column: (\\d+)]");
    private static final Pattern CONSTRAINT_ORIGIN = Pattern.compile(", from `[^`]*`");

    private Json() {
    }

    private static ObjectMapper createMapper() {
        return JsonMapper.builder(limitedFactory())
                .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
                .build();
    }

    private static ObjectMapper createBinder() {
        JsonMapper binder = JsonMapper.builder(limitedFactory())
                .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
                .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
                .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
                .build();
        // a number or boolean where a string belongs is an error, not its text
        binder.coercionConfigFor(LogicalType.Textual)
                .setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail);
        return binder;
    }

    private static JsonFactory limitedFactory() {
        StreamReadConstraints limits = StreamReadConstraints.builder()
                .maxNestingDepth(IngestionLimits.MAX_NESTING_DEPTH)
                .maxStringLength(IngestionLimits.MAX_STRING_LENGTH)
                .maxNameLength(IngestionLimits.MAX_STRING_LENGTH)
                .maxDocumentLength(IngestionLimits.MAX_REQUEST_BYTES)
                .build();
        return JsonFactory.builder().streamReadConstraints(limits).build();
    }

    /** Serializes maps, lists, strings, numbers and booleans (never reflects on our own classes). */
    static byte[] write(Object value) {
        try {
            return MAPPER.writeValueAsBytes(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("plain JSON values always serialize", e);
        }
    }

    /**
     * Reads a body that must be one JSON object.
     *
     * @param what names the expected object in the error, e.g. "the body"
     * @throws HttpFailure 400 naming line and column for malformed JSON, or when it is not an object
     */
    @SuppressWarnings("unchecked")
    static Map<String, Object> readObject(byte[] body, String what) {
        if (isBlank(body)) {
            throw new HttpFailure(400, what + " is empty; expected a JSON object");
        }
        Object value;
        try (JsonParser parser = MAPPER.createParser(body)) {
            try {
                value = MAPPER.readValue(parser, Object.class);
            } catch (IOException e) {
                throw malformed(e, parser.currentLocation());
            }
        } catch (IOException e) {
            throw malformed(e, null);
        }
        if (!(value instanceof Map<?, ?>)) {
            throw new HttpFailure(400, what + " must be a JSON object");
        }
        return (Map<String, Object>) value;
    }

    /**
     * A 400 that says where the JSON went wrong and why, in Jackson's words without its source excerpt.
     *
     * @param fallback where the parser stood, for errors that carry no location of their own (limits)
     */
    static HttpFailure malformed(IOException e, JsonLocation fallback) {
        JsonLocation location = e instanceof JsonProcessingException jpe && jpe.getLocation() != null
                ? jpe.getLocation() : fallback;
        String kind = e instanceof StreamConstraintsException ? "JSON over a limit" : "malformed JSON";
        return failure(kind, problem(e), location);
    }

    static HttpFailure malformed(String problem, JsonLocation location) {
        return failure("malformed JSON", problem, location);
    }

    /**
     * The first line of the parser's own message, without its notes for Java developers: where a marker
     * started reads "line 1, column 1", and limits lose their "from `StreamReadConstraints...`".
     */
    static String problem(IOException e) {
        String message = e instanceof JsonProcessingException jpe ? jpe.getOriginalMessage() : e.getMessage();
        String firstLine = message == null ? "unreadable" : message.lines().findFirst().orElse("unreadable");
        return SOURCE_LOCATION.matcher(CONSTRAINT_ORIGIN.matcher(firstLine).replaceAll("")).replaceAll("line $1, column $2");
    }

    private static HttpFailure failure(String kind, String problem, JsonLocation location) {
        String where = location == null || location.getLineNr() < 0
                ? "" : " at line " + location.getLineNr() + ", column " + location.getColumnNr();
        return new HttpFailure(400, kind + where + ": " + problem);
    }

    static boolean isBlank(byte[] body) {
        for (byte b : body) {
            if (b != ' ' && b != '\n' && b != '\r' && b != '\t') {
                return false;
            }
        }
        return true;
    }
}
