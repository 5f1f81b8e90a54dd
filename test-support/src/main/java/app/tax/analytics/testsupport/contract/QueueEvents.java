package app.tax.analytics.testsupport.contract;

import app.tax.analytics.domain.event.Campaign;
import app.tax.analytics.domain.event.Event;
import app.tax.analytics.domain.event.EventContext;
import app.tax.analytics.domain.event.EventType;
import app.tax.analytics.domain.event.PageInfo;
import java.math.BigInteger;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Events for the queue contract and the queues' own tests: small ones, and one using every field. */
public final class QueueEvents {
    private static final Instant RECEIVED = Instant.parse("2024-05-06T07:08:09.123456789Z");

    private QueueEvents() {
    }

    /** A small track event of its own visitor. */
    public static Event track(String messageId) {
        return new Event("web", EventType.TRACK, messageId, null, "anon-" + messageId, RECEIVED.minusMillis(5), null, null,
                RECEIVED, "Signed Up", null, null, null, EventContext.EMPTY, Map.of("plan", "pro"), null);
    }

    /** {@code count} track events with message ids {@code prefix0}, {@code prefix1}, ... */
    public static List<Event> tracks(String prefix, int count) {
        List<Event> events = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            events.add(track(prefix + i));
        }
        return events;
    }

    /** A page event using every field, with JSON values of every kind. */
    public static Event everyField() {
        Map<String, Object> nested = new LinkedHashMap<>();
        nested.put("list", Arrays.asList(1, "two", 3.5, null, true, List.of(Map.of("deep", "yes"))));
        nested.put("empty", Map.of());
        nested.put("nothing", null);
        Map<String, Object> properties = new LinkedHashMap<>();
        properties.put("int", 42);
        properties.put("long", 9_007_199_254_740_993L);
        properties.put("big", new BigInteger("123456789012345678901234567890"));
        properties.put("double", 0.1);
        properties.put("negative", -17.25);
        properties.put("bool", false);
        properties.put("text", "grüße, 日本, \"quoted\" \\ and | pipes");
        properties.put("nested", nested);
        Map<String, Object> raw = new LinkedHashMap<>();
        raw.put("screen", Map.of("width", 1920, "height", 1080));
        raw.put("library", Map.of("name", "analytics.js", "version", "5.2.0"));
        EventContext context = new EventContext("203.0.113.7", "Mozilla/5.0 (X11; Linux x86_64)",
                new PageInfo("https://example.com/pricing?utm_source=news", "/pricing", "https://google.com/", "Pricing", "?utm_source=news"),
                new Campaign("news", "email", "spring", "analytics", "header"),
                "de-DE", "Europe/Berlin", "sdk-session-1", "analytics.js", "5.2.0", raw);
        return new Event("marketing site", EventType.PAGE, "msg-every-field", "user-1", "anon-1",
                Instant.parse("2024-05-06T07:08:04.5Z"), Instant.parse("2024-05-06T07:08:03Z"),
                Instant.parse("2024-05-06T07:08:03.999999Z"), RECEIVED, null, "Pricing", "group-9", "previous-3",
                context, properties, Map.of("email", "someone@example.com", "age", 40));
    }
}
