package app.tax.analytics.adapters.embedded;

import app.tax.analytics.application.port.out.QueueStats;
import app.tax.analytics.application.port.out.QueueUnavailableException;
import app.tax.analytics.application.port.out.QueuedEvent;
import app.tax.analytics.domain.event.Event;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * {@link EmbeddedQueue} in memory with the semantics of a Redis stream read by one consumer group: entries
 * stay pending at the consumer they were delivered to until acknowledged, and can be claimed by another
 * consumer once idle. The capacity bounds every entry not yet acknowledged (new and pending alike), so
 * a stalled processor makes {@link #publish} refuse rather than grow the heap or drop events.
 *
 * <p>Alone it keeps everything in memory (what a crash loses); {@link SegmentLogQueue} keeps its entries here too
 * and writes them to disk between {@link #reserve} and {@link #release}.
 */
final class InProcessQueue implements EmbeddedQueue {
    static final int DEAD_LETTERS_KEPT = 1000;

    private final int capacity;
    private final Clock clock;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition published = lock.newCondition();

    /** Every entry not yet acknowledged, oldest first (insertion order = publication order). */
    private final LinkedHashMap<Long, Entry> unacknowledged = new LinkedHashMap<>();
    /** Entries never delivered, oldest first; acknowledged ones are skipped when met. */
    private final Deque<Entry> undelivered = new ArrayDeque<>();
    private final Deque<DeadLetter> deadLetters = new ArrayDeque<>();
    private long nextSequence = 1;
    private long deadLetterCount;
    private long pendingCount;

    private static final class Entry {
        final long sequence;
        final Event event;
        final Instant publishedAt;
        String consumer;
        long deliveries;
        Instant lastDelivered;

        Entry(long sequence, Event event, Instant publishedAt) {
            this.sequence = sequence;
            this.event = event;
            this.publishedAt = publishedAt;
        }

        QueuedEvent delivered(String to, Instant at) {
            consumer = to;
            deliveries++;
            lastDelivered = at;
            return new QueuedEvent(Long.toString(sequence), event, deliveries);
        }
    }

    /** An entry given up on, with the reason; the newest {@value #DEAD_LETTERS_KEPT} are kept. */
    record DeadLetter(String entryId, Event event, long deliveries, String error, Instant at) {
    }

    InProcessQueue(int capacity, Clock clock) {
        if (capacity < 1) {
            throw new IllegalArgumentException("queue capacity must be at least 1");
        }
        this.capacity = capacity;
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    @Override
    public void publish(List<Event> events) throws QueueUnavailableException {
        release(reserve(events));
    }

    @Override
    public boolean isFull() {
        lock.lock();
        try {
            return unacknowledged.size() >= capacity;
        } finally {
            lock.unlock();
        }
    }

    /**
     * Admits events as unacknowledged (they count against the capacity) without delivering them yet, and returns
     * their sequence numbers in order: a durable queue writes them to disk before {@link #release} and {@link
     * #discard}s them when the write fails.
     */
    long[] reserve(List<Event> events) throws QueueUnavailableException {
        Objects.requireNonNull(events, "events");
        for (Event event : events) {
            Objects.requireNonNull(event, "event");
        }
        lock.lock();
        try {
            // All or nothing: a partial publish would make the client's retry re-send what was queued.
            if (unacknowledged.size() + (long) events.size() > capacity) {
                throw new QueueUnavailableException("the in-process queue is full (" + unacknowledged.size() + " of "
                        + capacity + " entries not yet stored)");
            }
            Instant now = clock.instant();
            long[] sequences = new long[events.size()];
            for (int i = 0; i < sequences.length; i++) {
                Entry entry = new Entry(nextSequence++, events.get(i), now);
                unacknowledged.put(entry.sequence, entry);
                sequences[i] = entry.sequence;
            }
            return sequences;
        } finally {
            lock.unlock();
        }
    }

    /** Makes reserved entries readable, in the order given. */
    void release(long[] sequences) {
        if (sequences.length == 0) {
            return;
        }
        lock.lock();
        try {
            for (long sequence : sequences) {
                Entry entry = unacknowledged.get(sequence);
                if (entry != null) {
                    undelivered.addLast(entry);
                }
            }
            published.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /** Forgets reserved entries that could not be made durable. */
    void discard(long[] sequences) {
        lock.lock();
        try {
            for (long sequence : sequences) {
                unacknowledged.remove(sequence);
            }
        } finally {
            lock.unlock();
        }
    }

    /** Puts back, undelivered, an entry read from disk at start-up; later sequences continue after it. */
    void restore(long sequence, Event event, Instant publishedAt) {
        lock.lock();
        try {
            Entry entry = new Entry(sequence, Objects.requireNonNull(event, "event"), publishedAt);
            unacknowledged.put(sequence, entry);
            undelivered.addLast(entry);
            nextSequence = Math.max(nextSequence, sequence + 1);
        } finally {
            lock.unlock();
        }
    }

    /** Sequences will continue at {@code sequence} or later (a durable queue restarts after what it wrote). */
    void continueAt(long sequence) {
        lock.lock();
        try {
            nextSequence = Math.max(nextSequence, sequence);
        } finally {
            lock.unlock();
        }
    }

    /** The sequence the next reserved entry gets. */
    long nextSequence() {
        lock.lock();
        try {
            return nextSequence;
        } finally {
            lock.unlock();
        }
    }

    /** Puts back a dead letter read from disk at start-up (the entry itself is no longer queued). */
    void restoreDeadLetter(DeadLetter deadLetter) {
        lock.lock();
        try {
            keepDeadLetter(deadLetter);
        } finally {
            lock.unlock();
        }
    }

    @Override
    public List<QueuedEvent> read(String consumer, int max, Duration block) {
        Objects.requireNonNull(consumer, "consumer");
        if (max < 1) {
            return List.of();
        }
        long waitNanos = block == null || block.isNegative() ? 0 : block.toNanos();
        lock.lock();
        try {
            dropAcknowledgedHead();
            while (undelivered.isEmpty() && waitNanos > 0) {
                try {
                    waitNanos = published.awaitNanos(waitNanos);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return List.of();
                }
                dropAcknowledgedHead();
            }
            List<QueuedEvent> delivered = new ArrayList<>(Math.min(max, undelivered.size()));
            Instant now = clock.instant();
            while (delivered.size() < max && !undelivered.isEmpty()) {
                Entry entry = undelivered.pollFirst();
                if (unacknowledged.containsKey(entry.sequence)) {
                    pendingCount++;
                    delivered.add(entry.delivered(consumer, now));
                }
            }
            return delivered;
        } finally {
            lock.unlock();
        }
    }

    private void dropAcknowledgedHead() {
        while (!undelivered.isEmpty() && !unacknowledged.containsKey(undelivered.peekFirst().sequence)) {
            undelivered.pollFirst();
        }
    }

    @Override
    public void ack(List<QueuedEvent> entries) {
        acknowledge(entries);
    }

    /** Acknowledges entries and returns the sequences that were still unacknowledged (others are ignored). */
    long[] acknowledge(List<QueuedEvent> entries) {
        lock.lock();
        try {
            long[] removed = new long[entries.size()];
            int count = 0;
            for (QueuedEvent queued : entries) {
                Long sequence = remove(queued.entryId());
                if (sequence != null) {
                    removed[count++] = sequence;
                }
            }
            return Arrays.copyOf(removed, count);
        } finally {
            lock.unlock();
        }
    }

    /**
     * Removes an entry whatever its state and returns its sequence; unknown ids (already acknowledged, foreign)
     * are ignored and give null.
     */
    private Long remove(String entryId) {
        Long sequence = sequenceOf(entryId);
        Entry entry = sequence == null ? null : unacknowledged.remove(sequence);
        if (entry == null) {
            return null;
        }
        if (entry.consumer != null) {
            pendingCount--;
        }
        return sequence;
    }

    private static Long sequenceOf(String entryId) {
        try {
            return Long.valueOf(entryId);
        } catch (NumberFormatException e) {
            return null;
        }
    }

    @Override
    public List<QueuedEvent> claimStale(String consumer, Duration minIdle, int max) {
        Objects.requireNonNull(consumer, "consumer");
        Objects.requireNonNull(minIdle, "minIdle");
        List<QueuedEvent> claimed = new ArrayList<>();
        if (max < 1) {
            return claimed;
        }
        lock.lock();
        try {
            Instant now = clock.instant();
            Instant idleBefore = now.minus(minIdle);
            for (Entry entry : unacknowledged.values()) {
                if (claimed.size() == max) {
                    break;
                }
                boolean pendingElsewhere = entry.consumer != null && !entry.consumer.equals(consumer);
                if (pendingElsewhere && !entry.lastDelivered.isAfter(idleBefore)) {
                    claimed.add(entry.delivered(consumer, now));
                }
            }
            return claimed;
        } finally {
            lock.unlock();
        }
    }

    @Override
    public void keepClaimed(String consumer, List<QueuedEvent> entries) {
        lock.lock();
        try {
            Instant now = clock.instant();
            for (QueuedEvent queued : entries) {
                Long sequence = sequenceOf(queued.entryId());
                Entry entry = sequence == null ? null : unacknowledged.get(sequence);
                // Only the owner's claim is refreshed: an entry another consumer took over stays with it.
                if (entry != null && consumer.equals(entry.consumer)) {
                    entry.lastDelivered = now;
                }
            }
        } finally {
            lock.unlock();
        }
    }

    @Override
    public void deadLetter(QueuedEvent entry, String error) {
        moveToDeadLetters(entry, error);
    }

    /** Dead-letters an entry; returns the letter kept, or null when the entry was no longer unacknowledged. */
    DeadLetter moveToDeadLetters(QueuedEvent entry, String error) {
        lock.lock();
        try {
            DeadLetter letter = new DeadLetter(entry.entryId(), entry.event(), entry.deliveries(), error, clock.instant());
            keepDeadLetter(letter);
            return remove(entry.entryId()) == null ? null : letter;
        } finally {
            lock.unlock();
        }
    }

    private void keepDeadLetter(DeadLetter letter) {
        if (deadLetters.size() == DEAD_LETTERS_KEPT) {
            deadLetters.pollFirst();
        }
        deadLetters.addLast(letter);
        deadLetterCount++;
    }

    /** The most recent dead letters, oldest first. */
    List<DeadLetter> deadLetters() {
        lock.lock();
        try {
            return List.copyOf(deadLetters);
        } finally {
            lock.unlock();
        }
    }

    @Override
    public QueueStats stats() {
        lock.lock();
        try {
            Duration lag = Duration.ZERO;
            if (!unacknowledged.isEmpty()) {
                Instant oldest = unacknowledged.values().iterator().next().publishedAt;
                Duration age = Duration.between(oldest, clock.instant());
                lag = age.isNegative() ? Duration.ZERO : age;
            }
            return new QueueStats(unacknowledged.size(), pendingCount, lag, deadLetterCount);
        } finally {
            lock.unlock();
        }
    }

    @Override
    public boolean isReady() {
        return true;
    }

    /** Entries per consumer that are pending (delivered, not acknowledged). */
    Map<String, Long> pendingByConsumer() {
        lock.lock();
        try {
            Map<String, Long> counts = new LinkedHashMap<>();
            for (Entry entry : unacknowledged.values()) {
                if (entry.consumer != null) {
                    counts.merge(entry.consumer, 1L, Long::sum);
                }
            }
            return counts;
        } finally {
            lock.unlock();
        }
    }
}
