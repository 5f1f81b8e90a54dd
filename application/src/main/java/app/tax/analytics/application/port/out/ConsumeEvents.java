package app.tax.analytics.application.port.out;

import java.time.Duration;
import java.util.List;

/**
 * The processor's side of the queue: one consumer group whose consumers share the entries; an entry stays
 * pending at the consumer it was delivered to until acknowledged (docs/ARCHITECTURE.md, "Pipeline guarantees").
 */
public interface ConsumeEvents {

    /**
     * Reads up to {@code max} new entries for {@code consumer}, waiting up to {@code block} when there are
     * none. Entries stay pending until {@link #ack}.
     */
    List<QueuedEvent> read(String consumer, int max, Duration block);

    /** Acknowledges entries after the store confirmed them. */
    void ack(List<QueuedEvent> entries);

    /** Takes over up to {@code max} entries that other consumers left pending for longer than {@code minIdle}. */
    List<QueuedEvent> claimStale(String consumer, Duration minIdle, int max);

    /**
     * Tells the queue that {@code consumer} is still working on these entries (e.g. retrying a write
     * while the store is down), so that no other consumer claims them as stale.
     */
    void keepClaimed(String consumer, List<QueuedEvent> entries);

    /** Moves an entry that keeps failing to the dead-letter queue, with the error, and acknowledges it. */
    void deadLetter(QueuedEvent entry, String error);
}
