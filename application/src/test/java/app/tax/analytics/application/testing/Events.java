package app.tax.analytics.application.testing;

import app.tax.analytics.domain.event.Campaign;
import app.tax.analytics.domain.event.Event;
import app.tax.analytics.domain.event.EventContext;
import app.tax.analytics.domain.event.EventType;
import app.tax.analytics.domain.event.PageInfo;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/** Events for tests: a page view by default, changed with the withers. */
public final class Events {
    private static final AtomicInteger IDS = new AtomicInteger();

    private Events() {
    }

    /** A page view of {@code visitor} (its anonymousId) at {@code at}, with a unique messageId. */
    public static Event pageView(String visitor, Instant at) {
        return pageView("web", visitor, at, "https://tax.example/", null);
    }

    public static Event pageView(String source, String visitor, Instant at, String url, String referrer) {
        EventContext context = new EventContext("203.0.113.77", "Mozilla/5.0 (Linux; Android 14)",
                new PageInfo(url, null, referrer, "Tax", null), Campaign.EMPTY, "en-KE", "Africa/Nairobi", null,
                "analytics.js", "1.0", Map.of());
        return new Event(source, EventType.PAGE, "m-" + IDS.incrementAndGet(), null, visitor, at, at, null, at,
                null, null, null, null, context, Map.of(), Map.of());
    }

    public static Event withContext(Event event, EventContext context) {
        return event.withContext(context);
    }

    public static Event withMessageId(Event e, String messageId) {
        return new Event(e.source(), e.type(), messageId, e.userId(), e.anonymousId(), e.timestamp(), e.originalTimestamp(),
                e.sentAt(), e.receivedAt(), e.event(), e.name(), e.groupId(), e.previousId(), e.context(), e.properties(),
                e.traits());
    }

    public static Event track(String visitor, Instant at, String name) {
        Event page = pageView(visitor, at);
        return new Event(page.source(), EventType.TRACK, page.messageId(), null, visitor, at, at, null, at, name, null, null,
                null, page.context(), Map.of(), Map.of());
    }

    public static EventContext context(String ip, String userAgent, PageInfo page, Campaign campaign, String sessionId) {
        return new EventContext(ip, userAgent, page, campaign, null, null, sessionId, null, null, Map.of());
    }
}
