package app.tax.analytics.application.port.out;

import app.tax.analytics.domain.event.Event;
import java.util.List;

/**
 * The collector's side of the queue between collectors and processors: at-least-once
 * (docs/ARCHITECTURE.md, "Pipeline guarantees").
 */
public interface PublishEvents {

    /**
     * Durably enqueues events. Returns only when every event is queued; on failure some may have been
     * queued already (the store's idempotency makes the client's retry safe).
     */
    void publish(List<Event> events) throws QueueUnavailableException;
}
