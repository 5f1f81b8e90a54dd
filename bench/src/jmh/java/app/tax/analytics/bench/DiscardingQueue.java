package app.tax.analytics.bench;

import app.tax.analytics.application.port.out.EventQueue;
import app.tax.analytics.application.port.out.QueueStats;
import app.tax.analytics.application.port.out.QueuedEvent;
import app.tax.analytics.domain.event.Event;
import java.time.Duration;
import java.util.List;

/** A queue that takes every event and keeps none: what the collector costs without the queue. */
public final class DiscardingQueue implements EventQueue {
    private long published;

    @Override
    public void publish(List<Event> events) {
        published += events.size();
    }

    public long published() {
        return published;
    }

    @Override
    public List<QueuedEvent> read(String consumer, int max, Duration block) {
        return List.of();
    }

    @Override
    public void ack(List<QueuedEvent> entries) {
    }

    @Override
    public List<QueuedEvent> claimStale(String consumer, Duration minIdle, int max) {
        return List.of();
    }

    @Override
    public void keepClaimed(String consumer, List<QueuedEvent> entries) {
    }

    @Override
    public void deadLetter(QueuedEvent entry, String error) {
    }

    @Override
    public QueueStats stats() {
        return new QueueStats(0, 0, Duration.ZERO, 0);
    }

    @Override
    public boolean isReady() {
        return true;
    }
}
