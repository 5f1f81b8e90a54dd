package app.tax.analytics.domain.event;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;

/**
 * A validated Segment message, as the collector accepted it and the queue carries it.
 *
 * @param source            name of the source (write key) it arrived with; never the key itself
 * @param timestamp         when it happened, corrected for client clock skew
 * @param originalTimestamp the client's own timestamp as sent (null when it sent none)
 * @param sentAt            when the client sent it, by the client's clock (null when absent)
 * @param receivedAt        when the collector received it, by the server's clock
 * @param event             the {@code track} event name (null for other types)
 * @param name              the {@code page}/{@code screen} name (null when absent)
 */
public record Event(
        String source,
        EventType type,
        String messageId,
        String userId,
        String anonymousId,
        Instant timestamp,
        Instant originalTimestamp,
        Instant sentAt,
        Instant receivedAt,
        String event,
        String name,
        String groupId,
        String previousId,
        EventContext context,
        Map<String, Object> properties,
        Map<String, Object> traits) {

    public Event {
        requireText(source, "source");
        Objects.requireNonNull(type, "type");
        requireText(messageId, "messageId");
        if (isBlank(userId) && isBlank(anonymousId)) {
            throw new IllegalArgumentException("userId or anonymousId is required");
        }
        Objects.requireNonNull(timestamp, "timestamp");
        Objects.requireNonNull(receivedAt, "receivedAt");
        if (type == EventType.TRACK) {
            requireText(event, "event");
        }
        context = Objects.requireNonNullElse(context, EventContext.EMPTY);
        properties = properties == null ? Map.of() : JsonValues.immutableCopy(properties);
        traits = traits == null ? Map.of() : JsonValues.immutableCopy(traits);
    }

    /** The visitor this event counts for: {@code anonymousId} when present, else {@code userId}. */
    public String visitorId() {
        return isBlank(anonymousId) ? userId : anonymousId;
    }

    /**
     * The name of a {@code screen} event: its {@code name}, else {@code properties.name} (the spec allows
     * either); null for other types.
     */
    public String screenName() {
        if (type != EventType.SCREEN) {
            return null;
        }
        return isBlank(name) ? JsonValues.text(properties, "name") : name;
    }

    public Event withContext(EventContext newContext) {
        return new Event(source, type, messageId, userId, anonymousId, timestamp, originalTimestamp, sentAt,
                receivedAt, event, name, groupId, previousId, newContext, properties, traits);
    }

    public Event withAnonymousId(String newAnonymousId) {
        return new Event(source, type, messageId, userId, newAnonymousId, timestamp, originalTimestamp, sentAt,
                receivedAt, event, name, groupId, previousId, context, properties, traits);
    }

    private static void requireText(String value, String field) {
        if (isBlank(value)) {
            throw new IllegalArgumentException(field + " is required");
        }
    }

    private static boolean isBlank(String value) {
        return value == null || value.isBlank();
    }
}
