package app.tax.analytics.adapters.embedded;

import app.tax.analytics.domain.enrich.DeviceInfo;
import app.tax.analytics.domain.enrich.EnrichedEvent;
import app.tax.analytics.domain.event.Event;
import app.tax.analytics.domain.event.EventContext;
import app.tax.analytics.domain.event.EventType;
import app.tax.analytics.domain.event.PageInfo;
import app.tax.analytics.domain.traffic.UrlParts;
import java.time.Instant;
import java.util.Map;

/** Minimal events for the queue and store tests (the contract suite has the full dataset). */
final class TestEvents {
    private TestEvents() {
    }

    static Event page(String messageId, Instant at) {
        EventContext context = new EventContext(null, null, new PageInfo("https://example.com/", "/", null, null, null), null, null, null,
                null, null, null, Map.of());
        return new Event("web", EventType.PAGE, messageId, null, "anon-" + messageId, at, null, null, at, null, null, null,
                null, context, Map.of(), Map.of());
    }

    static EnrichedEvent enrichedPage(String messageId, String visitorId, Instant at) {
        Event event = page(messageId, at).withAnonymousId(visitorId);
        return new EnrichedEvent(event, visitorId, "session-" + visitorId, null, DeviceInfo.UNKNOWN,
                new UrlParts("example.com", "/", null), null, null);
    }
}
