package app.tax.analytics.adapters.redis;

import app.tax.analytics.domain.event.Event;
import app.tax.analytics.testsupport.contract.QueueEvents;
import java.util.ArrayList;
import java.util.List;

/** Events for the tests: those of the queue contract. */
final class TestEvents {
    private TestEvents() {
    }

    /** A small track event. */
    static Event track(String messageId) {
        return QueueEvents.track(messageId);
    }

    static List<Event> tracks(String prefix, int count) {
        List<Event> events = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            events.add(track(prefix + "-" + i));
        }
        return events;
    }

    /** A page event using every field, with JSON values of every kind. */
    static Event everyField() {
        return QueueEvents.everyField();
    }
}
