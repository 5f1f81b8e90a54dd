package app.tax.analytics.application.port.out;

import app.tax.analytics.domain.enrich.EnrichedEvent;
import app.tax.analytics.domain.event.Subject;
import java.util.List;

/** Where enriched events are kept: idempotent by {@code (source, messageId)}. */
public interface EventStore {

    /**
     * Writes a batch. Returns only when the store has confirmed it; writing the same batch again
     * (same {@code deduplicationToken}, or the same events) must not count any event twice.
     *
     * @throws StoreUnavailableException when the write was not confirmed
     */
    void write(List<EnrichedEvent> batch, String deduplicationToken);

    /** Deletes every event of a subject. Returns how many events matched. */
    long erase(Subject subject);

    /**
     * Deletes every event that happened before {@code cutoff} ({@code RETENTION_DAYS}).
     *
     * @throws StoreUnavailableException when the store did not confirm it
     */
    void deleteOlderThan(java.time.Instant cutoff);

    /** Whether the store is reachable (for {@code /health/ready}). */
    boolean isReady();
}
