package app.tax.analytics.adapters.redis;

import app.tax.analytics.domain.event.Campaign;
import app.tax.analytics.domain.event.Event;
import app.tax.analytics.domain.event.EventContext;
import app.tax.analytics.domain.event.EventType;
import app.tax.analytics.domain.event.PageInfo;
import app.tax.analytics.domain.event.UtcInstants;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.io.SegmentedStringWriter;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.core.util.BufferRecycler;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;

/**
 * An {@link Event} as the JSON of a stream entry. The format is written field by field rather than by reflection
 * over the domain records, so it stays stable when the records change (collectors and processors of different
 * versions share the stream during a rolling upgrade) and needs no reflective access to the domain module.
 * Instants are ISO-8601 strings at full precision; properties, traits and the raw context are written as the JSON
 * they came from. Absent (null) fields are left out. Version {@value #FORMAT_VERSION}.
 */
final class EventCodec {
    static final int FORMAT_VERSION = 1;
    private static final TypeReference<Map<String, Object>> JSON_OBJECT = new TypeReference<>() {
    };

    private final ObjectMapper mapper = JsonMapper.builder().build();

    String encode(Event event) {
        // Jackson's own unsynchronized, pooled writer (what writeValueAsString uses) rather than a StringWriter, whose
        // synchronized appends, growth and final copy showed in the collector's profile.
        BufferRecycler buffers = mapper.getFactory()._getBufferRecycler();
        try (SegmentedStringWriter json = new SegmentedStringWriter(buffers);
             JsonGenerator out = mapper.createGenerator(json)) {
            out.writeStartObject();
            out.writeNumberField("v", FORMAT_VERSION);
            text(out, "source", event.source());
            text(out, "type", event.type().wireName());
            text(out, "messageId", event.messageId());
            text(out, "userId", event.userId());
            text(out, "anonymousId", event.anonymousId());
            instant(out, "timestamp", event.timestamp());
            instant(out, "originalTimestamp", event.originalTimestamp());
            instant(out, "sentAt", event.sentAt());
            instant(out, "receivedAt", event.receivedAt());
            text(out, "event", event.event());
            text(out, "name", event.name());
            text(out, "groupId", event.groupId());
            text(out, "previousId", event.previousId());
            context(out, event.context());
            object(out, "properties", event.properties());
            object(out, "traits", event.traits());
            out.writeEndObject();
            out.flush();
            return json.getAndClear();
        } catch (IOException e) {
            // Only JSON-shaped values reach an Event, and an in-memory writer does not fail.
            throw new UncheckedIOException("cannot write event " + event.messageId() + " as JSON", e);
        } finally {
            buffers.releaseToPool();
        }
    }

    private static void context(JsonGenerator out, EventContext context) throws IOException {
        out.writeObjectFieldStart("context");
        text(out, "ip", context.ip());
        text(out, "userAgent", context.userAgent());
        PageInfo page = context.page();
        out.writeObjectFieldStart("page");
        text(out, "url", page.url());
        text(out, "path", page.path());
        text(out, "referrer", page.referrer());
        text(out, "title", page.title());
        text(out, "search", page.search());
        out.writeEndObject();
        Campaign campaign = context.campaign();
        out.writeObjectFieldStart("campaign");
        text(out, "source", campaign.source());
        text(out, "medium", campaign.medium());
        text(out, "name", campaign.name());
        text(out, "term", campaign.term());
        text(out, "content", campaign.content());
        out.writeEndObject();
        text(out, "locale", context.locale());
        text(out, "timezone", context.timezone());
        text(out, "sessionId", context.sessionId());
        text(out, "libraryName", context.libraryName());
        text(out, "libraryVersion", context.libraryVersion());
        object(out, "raw", context.raw());
        out.writeEndObject();
    }

    private static void text(JsonGenerator out, String field, String value) throws IOException {
        if (value != null) {
            out.writeStringField(field, value);
        }
    }

    private static void instant(JsonGenerator out, String field, Instant value) throws IOException {
        if (value != null) {
            out.writeStringField(field, InstantText.of(value));
        }
    }

    private static void object(JsonGenerator out, String field, Map<String, Object> value) throws IOException {
        if (!value.isEmpty()) {
            out.writeFieldName(field);
            jsonValue(out, value);
        }
    }

    /**
     * The JSON-shaped values a parser hands to an Event, written directly; anything else goes through databind as
     * before: it skips databind's serializer lookup for each value.
     */
    private static void jsonValue(JsonGenerator out, Object value) throws IOException {
        if (value == null) {
            out.writeNull();
        } else if (value instanceof String text) {
            out.writeString(text);
        } else if (value instanceof Map<?, ?> map) {
            out.writeStartObject();
            for (Map.Entry<?, ?> entry : map.entrySet()) {
                out.writeFieldName(String.valueOf(entry.getKey()));
                jsonValue(out, entry.getValue());
            }
            out.writeEndObject();
        } else if (value instanceof List<?> list) {
            out.writeStartArray();
            for (Object item : list) {
                jsonValue(out, item);
            }
            out.writeEndArray();
        } else if (value instanceof Boolean flag) {
            out.writeBoolean(flag);
        } else if (isPlainNumber(value)) {
            // these types' toString is the text databind writes for them
            out.writeNumber(value.toString());
        } else {
            out.writeObject(value);
        }
    }

    private static boolean isPlainNumber(Object value) {
        return value instanceof Integer || value instanceof Long || value instanceof BigInteger || value instanceof BigDecimal
                || value instanceof Double number && Double.isFinite(number);
    }

    /** @throws IllegalArgumentException when the payload is not an event this codec wrote */
    Event decode(String payload) {
        if (payload == null) {
            throw new IllegalArgumentException("the entry has no event payload");
        }
        JsonNode root;
        try {
            root = mapper.readTree(payload);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("the entry is not JSON: " + e.getOriginalMessage(), e);
        }
        if (root == null || !root.isObject()) {
            throw new IllegalArgumentException("the entry is not a JSON object");
        }
        int version = root.path("v").asInt(-1);
        if (version != FORMAT_VERSION) {
            throw new IllegalArgumentException("unknown event format version " + root.path("v") + " (this processor reads "
                    + FORMAT_VERSION + ")");
        }
        String type = text(root, "type");
        EventType eventType = EventType.fromWire(type)
                .orElseThrow(() -> new IllegalArgumentException("unknown event type " + type));
        return new Event(
                text(root, "source"),
                eventType,
                text(root, "messageId"),
                text(root, "userId"),
                text(root, "anonymousId"),
                instant(root, "timestamp"),
                instant(root, "originalTimestamp"),
                instant(root, "sentAt"),
                instant(root, "receivedAt"),
                text(root, "event"),
                text(root, "name"),
                text(root, "groupId"),
                text(root, "previousId"),
                context(root.path("context")),
                object(root, "properties"),
                object(root, "traits"));
    }

    private EventContext context(JsonNode context) {
        JsonNode page = context.path("page");
        JsonNode campaign = context.path("campaign");
        return new EventContext(
                text(context, "ip"),
                text(context, "userAgent"),
                new PageInfo(text(page, "url"), text(page, "path"), text(page, "referrer"), text(page, "title"),
                        text(page, "search")),
                new Campaign(text(campaign, "source"), text(campaign, "medium"), text(campaign, "name"),
                        text(campaign, "term"), text(campaign, "content")),
                text(context, "locale"),
                text(context, "timezone"),
                text(context, "sessionId"),
                text(context, "libraryName"),
                text(context, "libraryVersion"),
                object(context, "raw"));
    }

    private static String text(JsonNode parent, String field) {
        JsonNode value = parent.get(field);
        return value == null || value.isNull() ? null : value.asText();
    }

    private static Instant instant(JsonNode parent, String field) {
        String value = text(parent, field);
        try {
            if (value == null) {
                return null;
            }
            // entries are written by InstantText in this form; anything else still goes through the formatter
            Instant written = UtcInstants.parse(value);
            return written != null ? written : Instant.parse(value);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException(field + " is not an ISO-8601 instant: " + value, e);
        }
    }

    private Map<String, Object> object(JsonNode parent, String field) {
        JsonNode value = parent.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isObject()) {
            throw new IllegalArgumentException(field + " is not a JSON object");
        }
        return mapper.convertValue(value, JSON_OBJECT);
    }
}
