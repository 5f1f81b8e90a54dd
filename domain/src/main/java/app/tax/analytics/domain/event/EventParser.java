package app.tax.analytics.domain.event;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * Turns one JSON message (as maps, lists and scalars) into a validated {@link Event}, naming every
 * field that is wrong. Rules follow the Segment HTTP tracking API.
 */
public final class EventParser {
    private static final String KNOWN_TYPES =
            Arrays.stream(EventType.values()).map(EventType::wireName).collect(Collectors.joining(", "));
    /** Timestamps before this are client clocks gone wrong (or seconds sent as milliseconds). */
    private static final Instant EARLIEST = Instant.parse("2000-01-01T00:00:00Z");
    /** Client times from this on are garbage (and beyond what the stores' date-time columns hold). */
    private static final Instant CLIENT_TIME_END = Instant.parse("2100-01-01T00:00:00Z");
    /** How far ahead of the server's clock an event may be after clock-skew correction. */
    public static final Duration MAX_AHEAD = Duration.ofDays(1);

    private final Supplier<String> messageIds;

    public EventParser() {
        this(() -> UUID.randomUUID().toString());
    }

    /** @param messageIds generates a messageId for messages that come without one */
    public EventParser(Supplier<String> messageIds) {
        this.messageIds = Objects.requireNonNull(messageIds);
    }

    /**
     * @param message     one message
     * @param impliedType the type given by the endpoint ({@code /v1/track} ...), or null for batch items,
     *                    which must carry {@code type}
     */
    public ParseResult parse(Map<String, Object> message, EventType impliedType, Envelope envelope) {
        List<FieldError> errors = new ArrayList<>();
        EventType type = type(message, impliedType, errors);

        String userId = id(message, "userId", errors);
        String anonymousId = id(message, "anonymousId", errors);
        boolean idFieldInvalid = hasError(errors, "userId") || hasError(errors, "anonymousId");
        if (userId == null && anonymousId == null && !idFieldInvalid) {
            anonymousId = cookielessVisitorId(message, envelope);
            if (anonymousId == null) {
                errors.add(new FieldError("userId|anonymousId", "one of userId or anonymousId is required (non-empty)"));
            }
        }
        String messageId = id(message, "messageId", errors);
        String event = id(message, "event", errors);
        String groupId = id(message, "groupId", errors);
        String previousId = id(message, "previousId", errors);
        String name = optionalText(message, "name", errors);
        // A field already reported as malformed (e.g. too long) is not reported as missing too.
        if (type == EventType.TRACK && event == null && !hasError(errors, "event")) {
            errors.add(new FieldError("event", "required for a track call (the event name)"));
        }
        if (type == EventType.GROUP && groupId == null && !hasError(errors, "groupId")) {
            errors.add(new FieldError("groupId", "required for a group call"));
        }
        if (type == EventType.ALIAS && previousId == null && !hasError(errors, "previousId")) {
            errors.add(new FieldError("previousId", "required for an alias call"));
        }

        Instant timestamp = instant(message, "timestamp", errors);
        Instant originalTimestamp = instant(message, "originalTimestamp", errors);
        Instant sentAt = instant(message, "sentAt", errors);

        Map<String, Object> properties = optionalObject(message, "properties", errors);
        Map<String, Object> traits = optionalObject(message, "traits", errors);
        Map<String, Object> ownContext = optionalObject(message, "context", errors);

        if (!errors.isEmpty()) {
            return new ParseResult.Invalid(errors);
        }

        Map<String, Object> mergedContext = new LinkedHashMap<>(envelope.batchContext());
        mergedContext.putAll(ownContext);
        EventContext context = context(mergedContext, type, properties, envelope, errors);
        if (!errors.isEmpty()) {
            return new ParseResult.Invalid(errors);
        }

        Instant clientTimestamp = originalTimestamp != null ? originalTimestamp : timestamp;
        Instant corrected = ClockSkew.correct(clientTimestamp, sentAt, envelope.receivedAt());
        String timestampField = originalTimestamp != null ? "originalTimestamp" : "timestamp";
        if (corrected.isAfter(envelope.receivedAt().plus(MAX_AHEAD))) {
            errors.add(new FieldError(timestampField, "more than 1 day ahead of the server's clock"
                    + (sentAt != null ? " after clock-skew correction (by sentAt)" : "")));
        } else if (corrected.isBefore(EARLIEST)) {
            errors.add(new FieldError(timestampField, "before 2000-01-01 after clock-skew correction (by sentAt)"));
        }
        if (!errors.isEmpty()) {
            return new ParseResult.Invalid(errors);
        }
        return new ParseResult.Parsed(new Event(
                envelope.source(), type, messageId != null ? messageId : messageIds.get(), userId, anonymousId,
                corrected, originalTimestamp != null ? originalTimestamp : timestamp, sentAt, envelope.receivedAt(),
                event, name, groupId, previousId, context, properties, traits));
    }

    /**
     * The cookieless visitor id from the IP and user agent the event will be stored with: its context's
     * (or the batch's) {@code ip} and {@code userAgent}, the request's address when it names no IP.
     */
    private static String cookielessVisitorId(Map<String, Object> message, Envelope envelope) {
        Object own = message.get("context");
        @SuppressWarnings("unchecked")
        Map<String, Object> ownContext = own instanceof Map<?, ?> map ? (Map<String, Object>) map : Map.of();
        String ip = firstNonNull(JsonValues.text(ownContext, "ip"), JsonValues.text(envelope.batchContext(), "ip"),
                envelope.clientIp());
        String userAgent = firstNonNull(JsonValues.text(ownContext, "userAgent"),
                JsonValues.text(envelope.batchContext(), "userAgent"), null);
        return envelope.cookieless().visitorId(envelope.source(), ip, userAgent);
    }

    private static String firstNonNull(String first, String second, String third) {
        return first != null ? first : second != null ? second : third;
    }

    private static EventType type(Map<String, Object> message, EventType impliedType, List<FieldError> errors) {
        Object raw = message.get("type");
        if (raw == null) {
            if (impliedType == null) {
                errors.add(new FieldError("type", "required in a batch item; one of " + KNOWN_TYPES));
            }
            return impliedType;
        }
        if (!(raw instanceof String text)) {
            errors.add(new FieldError("type", "must be a string, one of " + KNOWN_TYPES));
            return impliedType;
        }
        EventType parsed = EventType.fromWire(text).orElse(null);
        if (parsed == null) {
            errors.add(new FieldError("type", "unknown type '" + abbreviate(text) + "'; expected one of " + KNOWN_TYPES));
            return impliedType;
        }
        if (impliedType != null && parsed != impliedType) {
            errors.add(new FieldError("type", "'" + parsed.wireName() + "' sent to the " + impliedType.wireName() + " endpoint"));
        }
        return parsed;
    }

    /** Identifiers may be strings or numbers (Segment libraries coerce numbers to strings). */
    private static String id(Map<String, Object> message, String field, List<FieldError> errors) {
        Object raw = message.get(field);
        if (raw == null) {
            return null;
        }
        String value;
        if (raw instanceof String s) {
            value = s.strip();
        } else if (raw instanceof Number n) {
            value = n.toString();
        } else {
            errors.add(new FieldError(field, "must be a string"));
            return null;
        }
        if (value.isEmpty()) {
            return null;
        }
        if (value.length() > IngestionLimits.MAX_ID_LENGTH) {
            errors.add(new FieldError(field, "longer than " + IngestionLimits.MAX_ID_LENGTH + " characters"));
            return null;
        }
        return value;
    }

    private static String optionalText(Map<String, Object> message, String field, List<FieldError> errors) {
        Object raw = message.get(field);
        if (raw == null) {
            return null;
        }
        if (raw instanceof String s) {
            return s.isBlank() ? null : s;
        }
        errors.add(new FieldError(field, "must be a string"));
        return null;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> optionalObject(Map<String, Object> message, String field, List<FieldError> errors) {
        Object raw = message.get(field);
        if (raw == null) {
            return Map.of();
        }
        if (raw instanceof Map<?, ?> map) {
            return (Map<String, Object>) map;
        }
        errors.add(new FieldError(field, "must be a JSON object"));
        return Map.of();
    }

    private static Instant instant(Map<String, Object> message, String field, List<FieldError> errors) {
        Object raw = message.get(field);
        if (raw == null) {
            return null;
        }
        if (!(raw instanceof String text)) {
            errors.add(new FieldError(field, "must be an ISO-8601 date-time string, e.g. 2026-01-31T12:00:00.000Z"));
            return null;
        }
        Instant parsed = parseInstant(text.strip());
        if (parsed == null) {
            errors.add(new FieldError(field, "'" + abbreviate(text) + "' is not an ISO-8601 date-time, e.g. 2026-01-31T12:00:00.000Z"));
            return null;
        }
        if (parsed.isBefore(EARLIEST)) {
            errors.add(new FieldError(field, "'" + abbreviate(text) + "' is before 2000-01-01"));
            return null;
        }
        if (!parsed.isBefore(CLIENT_TIME_END)) {
            errors.add(new FieldError(field, "'" + abbreviate(text) + "' is after 2099"));
            return null;
        }
        return parsed;
    }

    /** ISO-8601 with an offset; a date-time without one is read as UTC (some server libraries send that). */
    static Instant parseInstant(String text) {
        Instant utc = UtcInstants.parse(text);
        return utc != null ? utc : parseInstantWithFormatter(text);
    }

    static Instant parseInstantWithFormatter(String text) {
        try {
            return OffsetDateTime.parse(text, DateTimeFormatter.ISO_OFFSET_DATE_TIME).toInstant();
        } catch (DateTimeParseException withOffset) {
            try {
                return LocalDateTime.parse(text, DateTimeFormatter.ISO_LOCAL_DATE_TIME).toInstant(ZoneOffset.UTC);
            } catch (DateTimeParseException withoutOffset) {
                return null;
            }
        }
    }

    private static EventContext context(Map<String, Object> context, EventType type, Map<String, Object> properties,
                                        Envelope envelope, List<FieldError> errors) {
        Map<String, Object> page = JsonValues.object(context, "page");
        // Segment's page calls carry url/path/referrer/title/search in properties; context.page wins.
        boolean pageLike = type == EventType.PAGE;
        PageInfo pageInfo = new PageInfo(
                pageField(page, properties, "url", pageLike),
                pageField(page, properties, "path", pageLike),
                pageField(page, properties, "referrer", pageLike),
                pageField(page, properties, "title", pageLike),
                pageField(page, properties, "search", pageLike));
        Map<String, Object> campaign = JsonValues.object(context, "campaign");
        Campaign utm = new Campaign(
                JsonValues.text(campaign, "source"), JsonValues.text(campaign, "medium"),
                JsonValues.text(campaign, "name"), JsonValues.text(campaign, "term"),
                JsonValues.text(campaign, "content"));
        Map<String, Object> library = JsonValues.object(context, "library");
        String ip = JsonValues.text(context, "ip");
        String userAgent = JsonValues.text(context, "userAgent");
        String sessionId = JsonValues.text(context, "sessionId");
        if (sessionId != null && sessionId.length() > IngestionLimits.MAX_ID_LENGTH) {
            errors.add(new FieldError("context.sessionId", "longer than " + IngestionLimits.MAX_ID_LENGTH + " characters"));
        }
        return new EventContext(
                ip != null ? ip : envelope.clientIp(),
                userAgent,
                pageInfo, utm,
                JsonValues.text(context, "locale"),
                JsonValues.text(context, "timezone"),
                sessionId,
                JsonValues.text(library, "name"),
                JsonValues.text(library, "version"),
                context);
    }

    private static String pageField(Map<String, Object> page, Map<String, Object> properties, String key, boolean pageLike) {
        String fromContext = JsonValues.text(page, key);
        return fromContext != null || !pageLike ? fromContext : JsonValues.text(properties, key);
    }

    private static boolean hasError(List<FieldError> errors, String field) {
        return errors.stream().anyMatch(e -> e.field().equals(field));
    }

    /** The first 40 code points: cutting by chars could leave half a surrogate pair (an emoji) in the message. */
    private static String abbreviate(String text) {
        return text.codePointCount(0, text.length()) <= 40 ? text : text.substring(0, text.offsetByCodePoints(0, 40)) + "…";
    }
}
