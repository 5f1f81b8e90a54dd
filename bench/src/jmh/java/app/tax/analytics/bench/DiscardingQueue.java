package app.tax.analytics.bench;

import app.tax.analytics.application.port.out.PublishEvents;
import app.tax.analytics.domain.event.Event;
import java.util.List;

/** A queue that takes every event and keeps none: what the collector costs without the queue. */
public final class DiscardingQueue implements PublishEvents {
    private long published;

    @Override
    public void publish(List<Event> events) {
        published += events.size();
    }

    public long published() {
        return published;
    }
}
