package app.tax.analytics.adapters.http;

import app.tax.analytics.application.port.in.CollectEvents.Rejection;
import app.tax.analytics.domain.event.IngestionLimits;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectReader;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * A collector request body read into what {@link app.tax.analytics.application.port.in.CollectEvents} takes:
 * the messages as plain maps, a batch's {@code context}, and the {@code writeKey} field when the body has one.
 * Batch items that are too large (32 KB each) or not objects are refused here, before validation, by their
 * position; {@link #rejections} puts them together with the service's verdicts on the rest.
 */
final class IngestionBody {
    private static final String WRITE_KEY_FIELD = "writeKey";

    private final String writeKey;
    private final List<Object> messages;
    private final Map<String, Object> batchContext;
    /** For each of {@link #messages}, its index in the request. */
    private final List<Integer> positions;
    private final List<Refusal> refused;

    /** A batch item refused before validation; {@code reason} is a short metric label. */
    private record Refusal(Rejection rejection, String reason) {
    }

    private IngestionBody(String writeKey, List<Object> messages, Map<String, Object> batchContext,
                          List<Integer> positions, List<Refusal> refused) {
        this.writeKey = writeKey;
        this.messages = messages;
        this.batchContext = batchContext;
        this.positions = positions;
        this.refused = refused;
    }

    /** The {@code writeKey} sent in the body, or null. */
    String writeKey() {
        return writeKey;
    }

    /** The messages to validate (for a batch: the items that were not refused). */
    List<Object> messages() {
        return messages;
    }

    Map<String, Object> batchContext() {
        return batchContext;
    }

    /** Whether the batch had no items at all (an empty, null or missing {@code batch}). */
    boolean isEmptyBatch() {
        return messages.isEmpty() && refused.isEmpty();
    }

    /** Whether there were batch items, but every one of them was refused before validation. */
    boolean refusedAll() {
        return messages.isEmpty() && !refused.isEmpty();
    }

    /**
     * Every rejected item by its index in the request: the ones refused here and those the service
     * rejected (whose indexes count only the {@link #messages} it was given).
     */
    List<Rejection> rejections(List<Rejection> fromService) {
        List<Rejection> all = new ArrayList<>();
        refused.forEach(refusal -> all.add(refusal.rejection()));
        // with every item refused, the service only saw an empty batch: its verdict on that is beside the point
        if (!refusedAll()) {
            for (Rejection rejection : fromService) {
                int index = rejection.index();
                int position = index >= 0 && index < positions.size() ? positions.get(index) : index;
                all.add(new Rejection(position, rejection.error()));
            }
        }
        all.sort(Comparator.comparingInt(Rejection::index));
        return all;
    }

    /** How many items were refused here, by reason: too_large, not_an_object, malformed. */
    Map<String, Long> refusalsByReason() {
        return refused.stream().collect(Collectors.groupingBy(Refusal::reason, TreeMap::new, Collectors.counting()));
    }

    /**
     * The body of a single call ({@code /v1/track} ...): one JSON object of at most 32 KB.
     *
     * @throws HttpFailure 413 when the event is too large, 400 when it is not one JSON object
     */
    static IngestionBody single(byte[] body) {
        int size = trimmedLength(body);
        if (size > IngestionLimits.MAX_EVENT_BYTES) {
            throw new HttpFailure(413, "the event is " + size + " bytes; at most " + IngestionLimits.MAX_EVENT_BYTES + " bytes per event");
        }
        Map<String, Object> message = Json.readObject(body, "the body");
        String writeKey = textOrNull(message.remove(WRITE_KEY_FIELD));
        return new IngestionBody(writeKey, List.of(message), Map.of(), List.of(0), List.of());
    }

    /**
     * The body of {@code /v1/batch}: {@code {"batch":[...], "context":{...}, "writeKey":..., "sentAt":...}}.
     * Read as a token stream so each item's size is known before it is turned into a map; the batch's
     * {@code sentAt} is given to items without their own, as Segment's server libraries send it there.
     *
     * @throws HttpFailure 400 for malformed JSON or a body of the wrong shape, 413 for an oversized batch context
     */
    static IngestionBody batch(byte[] body) {
        if (Json.isBlank(body)) {
            throw new HttpFailure(400, "the body is empty; expected a JSON object with a batch array");
        }
        try (JsonParser parser = Json.MAPPER.createParser(body)) {
            return new BatchReader(body, parser, true).read();
        } catch (IOException | OffsetsUnknown e) {
            // Something the single pass could not decode: the item-by-item pass refuses just that item, or says where the body is broken.
        }
        try (JsonParser parser = Json.MAPPER.createParser(body)) {
            try {
                return new BatchReader(body, parser, false).read();
            } catch (IOException e) {
                throw Json.malformed(e, parser.currentLocation());
            }
        } catch (IOException e) {
            throw Json.malformed(e, null);
        }
    }

    /** A body without byte offsets (UTF-16/32), which only the item-by-item pass reports. */
    private static final class OffsetsUnknown extends RuntimeException {
        OffsetsUnknown() {
            super(null, null, false, false);
        }
    }

    private static String textOrNull(Object value) {
        return value instanceof String text ? text : null;
    }

    private static int trimmedLength(byte[] body) {
        int start = 0;
        int end = body.length;
        while (start < end && isWhitespace(body[start])) {
            start++;
        }
        while (end > start && isWhitespace(body[end - 1])) {
            end--;
        }
        return end - start;
    }

    private static boolean isWhitespace(byte b) {
        return b == ' ' || b == '\n' || b == '\r' || b == '\t';
    }

    /**
     * One pass over a batch body. {@code decodeInPlace}: each item is decoded from the body's own token stream
     * and its size checked after (one pass, what the profile asked for: skipping each item and then decoding its
     * bytes again cost 1.8 times Jackson's readTree of the body); otherwise each item is skipped first and decoded
     * on its own only if small enough, so that an item that does not decode is refused alone.
     */
    private static final class BatchReader {
        /** Items are read in the middle of the body's stream: the tokens after one are the next items. */
        private static final ObjectReader ITEM_READER = Json.MAPPER.readerFor(Map.class).without(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

        private final byte[] body;
        private final JsonParser parser;
        private final boolean decodeInPlace;
        private final List<Object> messages = new ArrayList<>();
        private final List<Integer> positions = new ArrayList<>();
        private final List<Refusal> refused = new ArrayList<>();
        private Map<String, Object> context = Map.of();
        private String writeKey;
        private String sentAt;
        private boolean sawBatch;

        BatchReader(byte[] body, JsonParser parser, boolean decodeInPlace) {
            this.body = body;
            this.parser = parser;
            this.decodeInPlace = decodeInPlace;
        }

        IngestionBody read() throws IOException {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                throw new HttpFailure(400, "the body must be a JSON object with a batch array");
            }
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String field = parser.currentName();
                JsonToken value = parser.nextToken();
                switch (field) {
                    case "batch" -> readItems(value);
                    case "context" -> context = readContext(value);
                    case WRITE_KEY_FIELD -> writeKey = scalarText(value);
                    case "sentAt" -> sentAt = scalarText(value);
                    default -> parser.skipChildren();
                }
            }
            if (parser.nextToken() != null) {
                throw Json.malformed("unexpected content after the JSON object", parser.currentTokenLocation());
            }
            if (sentAt != null) {
                for (Object message : messages) {
                    @SuppressWarnings("unchecked")
                    Map<String, Object> item = (Map<String, Object>) message;
                    item.putIfAbsent("sentAt", sentAt);
                }
            }
            return new IngestionBody(writeKey, messages, context, positions, refused);
        }

        private void readItems(JsonToken value) throws IOException {
            if (sawBatch) {
                throw new HttpFailure(400, "batch: given more than once");
            }
            sawBatch = true;
            if (value == JsonToken.VALUE_NULL) {
                return;
            }
            if (value != JsonToken.START_ARRAY) {
                throw new HttpFailure(400, "batch: must be an array of messages");
            }
            int index = 0;
            for (JsonToken item = parser.nextToken(); item != JsonToken.END_ARRAY; item = parser.nextToken(), index++) {
                if (index >= IngestionLimits.MAX_BATCH_ITEMS) {
                    throw new HttpFailure(413, "batch: more than " + IngestionLimits.MAX_BATCH_ITEMS
                            + " items; send at most " + IngestionLimits.MAX_BATCH_ITEMS + " per batch");
                }
                if (item != JsonToken.START_OBJECT) {
                    parser.skipChildren();
                    refused.add(new Refusal(new Rejection(index, "must be a JSON object"), "not_an_object"));
                    continue;
                }
                Map<String, Object> message;
                int length;
                if (decodeInPlace) {
                    long start = parser.currentTokenLocation().getByteOffset();
                    message = ITEM_READER.readValue(parser);
                    length = length(start);
                } else {
                    Span span = skipObject();
                    length = span.length();
                    message = null;
                    if (length <= IngestionLimits.MAX_EVENT_BYTES) {
                        try {
                            message = span.readObject();
                        } catch (IOException e) {
                            // the skipping pass has checked the structure and the strings already; should decoding still
                            // fail, only this item is refused
                            refused.add(new Refusal(new Rejection(index, "malformed JSON in this message: " + Json.problem(e)), "malformed"));
                            continue;
                        }
                    }
                }
                if (length > IngestionLimits.MAX_EVENT_BYTES) {
                    refused.add(new Refusal(new Rejection(index, "the event is " + length + " bytes; at most "
                            + IngestionLimits.MAX_EVENT_BYTES + " bytes per event"), "too_large"));
                    continue;
                }
                message.remove(WRITE_KEY_FIELD);
                messages.add(message);
                positions.add(index);
            }
        }

        private Map<String, Object> readContext(JsonToken value) throws IOException {
            if (value == JsonToken.VALUE_NULL) {
                return Map.of();
            }
            if (value != JsonToken.START_OBJECT) {
                parser.skipChildren();
                throw new HttpFailure(400, "context: must be a JSON object");
            }
            Span span = skipObject();
            if (span.length() > IngestionLimits.MAX_EVENT_BYTES) {
                throw new HttpFailure(413, "context: " + span.length() + " bytes; at most " + IngestionLimits.MAX_EVENT_BYTES + " bytes");
            }
            try {
                return span.readObject();
            } catch (IOException e) {
                throw new HttpFailure(400, "context: malformed JSON: " + Json.problem(e));
            }
        }

        private String scalarText(JsonToken value) throws IOException {
            if (value == JsonToken.VALUE_STRING) {
                return parser.getText();
            }
            parser.skipChildren();
            return null;
        }

        /**
         * Moves past the object that starts at the current token without building it (its strings are
         * skipped, not decoded) and says where it lies in the body.
         */
        private Span skipObject() throws IOException {
            long start = parser.currentTokenLocation().getByteOffset();
            parser.skipChildren();
            int length = length(start);
            return new Span(body, (int) start, length);
        }

        /** The bytes from {@code start} to the end of the current token. */
        private int length(long start) {
            long end = parser.currentLocation().getByteOffset();
            if (start < 0 || end < start) {
                // only UTF-16/32 bodies lack byte offsets
                if (decodeInPlace) {
                    throw new OffsetsUnknown();
                }
                throw new HttpFailure(400, "the body must be UTF-8 encoded JSON");
            }
            return (int) (end - start);
        }
    }

    /** Where one JSON object lies in the body. */
    private record Span(byte[] body, int offset, int length) {
        @SuppressWarnings("unchecked")
        Map<String, Object> readObject() throws IOException {
            return Json.MAPPER.readValue(body, offset, length, Map.class);
        }
    }
}
