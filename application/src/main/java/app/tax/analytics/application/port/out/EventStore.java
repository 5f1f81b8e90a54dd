package app.tax.analytics.application.port.out;

import app.tax.analytics.domain.enrich.EnrichedEvent;
import app.tax.analytics.domain.event.Subject;
import java.util.List;

/** Where enriched events are kept: idempotent by {@code (source, messageId)}. */
public interface EventStore {

    /**
     * Writes a batch, with the identity links of its identify and alias events ({@code IdentityLink.of},
     * docs/STATS.md "Identity"). Returns only when the store has confirmed both; writing the same batch again
     * (same {@code deduplicationToken}, or the same events) must not count any event twice nor change the map.
     *
     * @throws StoreUnavailableException when the write was not confirmed
     */
    void write(List<EnrichedEvent> batch, String deduplicationToken);

    /**
     * Deletes every event of a subject (also those of the ids linked to its userId) and every identity link
     * naming one of its ids. Returns how many events matched.
     */
    long erase(Subject subject);

    /**
     * Deletes every event that happened before {@code cutoff} ({@code RETENTION_DAYS}), and the identity
     * links made by such events.
     *
     * @throws StoreUnavailableException when the store did not confirm it
     */
    void deleteOlderThan(java.time.Instant cutoff);

    /** Whether the store is reachable (for {@code /health/ready}). */
    boolean isReady();
}
