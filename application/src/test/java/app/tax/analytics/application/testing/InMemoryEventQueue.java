package app.tax.analytics.application.testing;

import app.tax.analytics.application.port.out.ConsumeEvents;
import app.tax.analytics.application.port.out.PublishEvents;
import app.tax.analytics.application.port.out.QueueUnavailableException;
import app.tax.analytics.application.port.out.QueuedEvent;
import app.tax.analytics.domain.event.Event;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A scripted queue for the services' tests, not a queue implementation: entries become visible at their
 * arrival time, are pending from delivery until acknowledged, a read with nothing to deliver "blocks" by
 * moving the test clock forward (to the next arrival or by the whole block), and entries some other
 * consumer left pending are claimed at once. It records every call. The queues themselves are proven by
 * test-support's {@code EventQueueContract}; this module cannot use them (they depend on it).
 */
public final class InMemoryEventQueue implements PublishEvents, ConsumeEvents {
    private final MutableClock clock;
    private final List<Entry> entries = new ArrayList<>();
    private final List<Entry> stale = new ArrayList<>();
    private final Map<String, String> deadLetters = new LinkedHashMap<>();
    private final List<String> acked = new ArrayList<>();
    private final List<Duration> readBlocks = new ArrayList<>();
    private final List<Duration> claimIdles = new ArrayList<>();
    private final List<List<String>> keptClaimed = new ArrayList<>();
    private final List<List<Event>> publishCalls = new ArrayList<>();
    private long sequence;
    private boolean unavailable;
    private RuntimeException ackFailure;

    private static final class Entry {
        final String id;
        final Event event;
        final Instant visibleAt;
        long deliveries;
        boolean delivered;

        Entry(String id, Event event, Instant visibleAt, long deliveries) {
            this.id = id;
            this.event = event;
            this.visibleAt = visibleAt;
            this.deliveries = deliveries;
        }

        QueuedEvent queued() {
            return new QueuedEvent(id, event, deliveries);
        }
    }

    public InMemoryEventQueue(MutableClock clock) {
        this.clock = clock;
    }

    /** From now on, publish fails as a full or unreachable queue does. */
    public void makeUnavailable() {
        unavailable = true;
    }

    /** The next ack throws this (the queue went away between write and ack). */
    public void failNextAck(RuntimeException failure) {
        ackFailure = failure;
    }

    /** An event that reaches the queue at {@code at} (later than now: while a read blocks). */
    public String arriveAt(Instant at, Event event) {
        Entry entry = new Entry(nextId(), event, at, 0);
        entries.add(entry);
        return entry.id;
    }

    /** An entry some other, dead consumer left pending after {@code deliveries} deliveries. */
    public String leftPendingElsewhere(Event event, long deliveries) {
        Entry entry = new Entry(nextId(), event, clock.instant(), deliveries);
        entry.delivered = true;
        stale.add(entry);
        return entry.id;
    }

    @Override
    public void publish(List<Event> events) throws QueueUnavailableException {
        if (unavailable) {
            throw new QueueUnavailableException("queue full");
        }
        publishCalls.add(List.copyOf(events));
        events.forEach(e -> arriveAt(clock.instant(), e));
    }

    @Override
    public List<QueuedEvent> read(String consumer, int max, Duration block) {
        readBlocks.add(block);
        List<QueuedEvent> found = deliverVisible(max);
        if (!found.isEmpty()) {
            return found;
        }
        Instant until = clock.instant().plus(block);
        Instant nextArrival = entries.stream().filter(e -> !e.delivered).map(e -> e.visibleAt)
                .filter(at -> !at.isAfter(until)).min(Instant::compareTo).orElse(until);
        clock.set(nextArrival);
        return deliverVisible(max);
    }

    private List<QueuedEvent> deliverVisible(int max) {
        List<QueuedEvent> found = new ArrayList<>();
        for (Entry entry : entries) {
            if (found.size() == max) {
                break;
            }
            if (!entry.delivered && !entry.visibleAt.isAfter(clock.instant())) {
                entry.delivered = true;
                entry.deliveries++;
                found.add(entry.queued());
            }
        }
        return found;
    }

    @Override
    public void ack(List<QueuedEvent> acknowledged) {
        if (ackFailure != null) {
            RuntimeException failure = ackFailure;
            ackFailure = null;
            throw failure;
        }
        acknowledged.forEach(e -> acked.add(e.entryId()));
    }

    @Override
    public List<QueuedEvent> claimStale(String consumer, Duration minIdle, int max) {
        claimIdles.add(minIdle);
        List<QueuedEvent> claimed = new ArrayList<>();
        while (!stale.isEmpty() && claimed.size() < max) {
            Entry entry = stale.remove(0);
            entry.deliveries++;
            entries.add(entry);
            claimed.add(entry.queued());
        }
        return claimed;
    }

    @Override
    public void keepClaimed(String consumer, List<QueuedEvent> kept) {
        keptClaimed.add(kept.stream().map(QueuedEvent::entryId).toList());
    }

    @Override
    public void deadLetter(QueuedEvent entry, String error) {
        deadLetters.put(entry.entryId(), error);
        acked.add(entry.entryId());
    }

    /** Entry ids delivered but not acknowledged. */
    public List<String> pendingIds() {
        return entries.stream().filter(e -> e.delivered && !acked.contains(e.id)).map(e -> e.id).toList();
    }

    public List<String> ackedIds() {
        return List.copyOf(acked);
    }

    public Map<String, String> deadLetters() {
        return Map.copyOf(deadLetters);
    }

    public List<Duration> readBlocks() {
        return List.copyOf(readBlocks);
    }

    public List<Duration> claimIdles() {
        return List.copyOf(claimIdles);
    }

    public List<List<String>> keptClaimed() {
        return List.copyOf(keptClaimed);
    }

    public List<List<Event>> publishCalls() {
        return List.copyOf(publishCalls);
    }

    /** Every event published so far, in order. */
    public List<Event> published() {
        return publishCalls.stream().flatMap(List::stream).toList();
    }

    private String nextId() {
        return "1-" + (++sequence);
    }
}
