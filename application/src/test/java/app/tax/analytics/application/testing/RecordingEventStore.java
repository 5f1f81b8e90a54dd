package app.tax.analytics.application.testing;

import app.tax.analytics.application.port.out.EventStore;
import app.tax.analytics.application.port.out.StoreUnavailableException;
import app.tax.analytics.domain.enrich.EnrichedEvent;
import app.tax.analytics.domain.event.Subject;
import java.util.ArrayList;
import java.util.List;

/** Records every write attempt; can be told to refuse the next writes, as a store that is down. */
public final class RecordingEventStore implements EventStore {
    /** One call to {@link #write}, successful or not. */
    public record WriteAttempt(List<EnrichedEvent> batch, String token, boolean confirmed, List<String> ackedBefore) {
    }

    /** One call to {@link #erase}. */
    public record Erasure(String source, String userId, String anonymousId) {
    }

    private final List<WriteAttempt> attempts = new ArrayList<>();
    private final List<Erasure> erasures = new ArrayList<>();
    private final List<java.time.Instant> cutoffs = new ArrayList<>();
    private InMemoryEventQueue observedQueue;
    private int failuresLeft;
    private final java.util.Set<String> refusedMessageIds = new java.util.HashSet<>();
    private long erasedCount;

    /** Each write records which entries the queue had acknowledged by then. */
    public RecordingEventStore observing(InMemoryEventQueue queue) {
        this.observedQueue = queue;
        return this;
    }

    public void failNextWrites(int count) {
        failuresLeft = count;
    }

    /** Any write holding one of these messages is refused as invalid data (the store itself is up). */
    public void refuseMessages(String... messageIds) {
        refusedMessageIds.addAll(List.of(messageIds));
    }

    public void eraseReturns(long count) {
        erasedCount = count;
    }

    @Override
    public void write(List<EnrichedEvent> batch, String deduplicationToken) {
        List<String> ackedBefore = observedQueue == null ? List.of() : observedQueue.ackedIds();
        if (failuresLeft > 0) {
            failuresLeft--;
            attempts.add(new WriteAttempt(List.copyOf(batch), deduplicationToken, false, ackedBefore));
            throw new StoreUnavailableException("store down", new java.io.IOException("connection refused"));
        }
        if (batch.stream().anyMatch(row -> refusedMessageIds.contains(row.event().messageId()))) {
            attempts.add(new WriteAttempt(List.copyOf(batch), deduplicationToken, false, ackedBefore));
            throw new IllegalArgumentException("value too large for column");
        }
        attempts.add(new WriteAttempt(List.copyOf(batch), deduplicationToken, true, ackedBefore));
    }

    @Override
    public long erase(Subject subject) {
        erasures.add(new Erasure(subject.source(), subject.userId(), subject.anonymousId()));
        return erasedCount;
    }

    @Override
    public void deleteOlderThan(java.time.Instant cutoff) {
        cutoffs.add(cutoff);
    }

    /** The cutoffs {@link #deleteOlderThan} was called with. */
    public List<java.time.Instant> retentionCutoffs() {
        return List.copyOf(cutoffs);
    }

    @Override
    public boolean isReady() {
        return failuresLeft == 0;
    }

    public List<WriteAttempt> attempts() {
        return List.copyOf(attempts);
    }

    /** The rows of every confirmed write, in order. */
    public List<EnrichedEvent> stored() {
        return attempts.stream().filter(WriteAttempt::confirmed).flatMap(a -> a.batch().stream()).toList();
    }

    public List<Erasure> erasures() {
        return List.copyOf(erasures);
    }
}
