package app.tax.analytics.application.port.out;

import app.tax.analytics.domain.event.Event;
import java.util.Objects;

/**
 * An event read from the queue, not yet acknowledged.
 *
 * @param entryId    the queue's id for the entry (a Redis stream id, a sequence number)
 * @param deliveries how many times it has been delivered, this time included
 */
public record QueuedEvent(String entryId, Event event, long deliveries) {
    public QueuedEvent {
        Objects.requireNonNull(entryId, "entryId");
        Objects.requireNonNull(event, "event");
    }
}
