package app.tax.analytics.application.service;

import app.tax.analytics.application.port.in.ProcessEvents;
import app.tax.analytics.application.port.out.ConsumeEvents;
import app.tax.analytics.application.port.out.EventStore;
import app.tax.analytics.application.port.out.PipelineMetrics;
import app.tax.analytics.application.port.out.QueuedEvent;
import app.tax.analytics.application.port.out.StateUnavailableException;
import app.tax.analytics.application.port.out.StoreUnavailableException;
import app.tax.analytics.domain.enrich.EnrichedEvent;
import app.tax.analytics.domain.event.Event;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;

/**
 * {@link ProcessEvents}: reads up to a batch (or what arrived within the flush interval; under a backlog, up
 * to the settings' {@code backlogGroup}), enriches it,
 * writes it and acknowledges only after the store confirmed. A batch the store refused is kept and
 * written again with the same deduplication token before anything new is read, so memory stays bounded
 * and nothing is lost or counted twice. Not thread-safe: one instance per worker thread.
 */
public final class EventProcessor implements ProcessEvents {
    private static final System.Logger LOG = System.getLogger(EventProcessor.class.getName());
    /** How long a read for more of a backlog waits: only what is already there is wanted. */
    private static final Duration BACKLOG_POLL = Duration.ofMillis(1);

    private final ConsumeEvents queue;
    private final EventStore store;
    private final EventEnricher enricher;
    private final PipelineMetrics metrics;
    private final ProcessorSettings settings;
    private final Clock clock;

    private Instant lastClaim = Instant.MIN;
    private PendingBatch pending;
    /** Entries read but not yet enriched because the session state was unreachable. */
    private List<QueuedEvent> unenriched;

    private record PendingBatch(List<QueuedEvent> entries, List<EnrichedEvent> rows, String token) {
    }

    public EventProcessor(ConsumeEvents queue, EventStore store, EventEnricher enricher, PipelineMetrics metrics,
                          ProcessorSettings settings, Clock clock) {
        this.queue = Objects.requireNonNull(queue);
        this.store = Objects.requireNonNull(store);
        this.enricher = Objects.requireNonNull(enricher);
        this.metrics = Objects.requireNonNull(metrics);
        this.settings = Objects.requireNonNull(settings);
        this.clock = Objects.requireNonNull(clock);
    }

    @Override
    public BatchOutcome processNextBatch() {
        if (pending != null) {
            queue.keepClaimed(settings.consumer(), pending.entries());
            return write(0);
        }
        List<QueuedEvent> entries;
        if (unenriched != null) {
            entries = unenriched;
            unenriched = null;
            queue.keepClaimed(settings.consumer(), entries);
        } else {
            entries = collectBatch();
        }
        if (entries.isEmpty()) {
            return new BatchOutcome.Idle();
        }
        try {
            return enrichAndWrite(entries);
        } catch (StateUnavailableException e) {
            // Session state unreachable: keep the entries (no more reads) and try again after a back-off.
            unenriched = entries;
            LOG.log(System.Logger.Level.WARNING, "session state unavailable, {0} events wait: {1}", entries.size(), e.getMessage());
            return new BatchOutcome.StoreFailed(entries.size(), e.getMessage());
        }
    }

    private BatchOutcome enrichAndWrite(List<QueuedEvent> entries) {
        int deadLettered = 0;
        List<QueuedEvent> live = new ArrayList<>(entries.size());
        for (QueuedEvent entry : entries) {
            if (entry.deliveries() > settings.maxDeliveries()) {
                deadLetter(entry, "delivered " + entry.deliveries() + " times without being stored");
                deadLettered++;
            } else {
                live.add(entry);
            }
        }
        List<QueuedEvent> enrichedEntries = new ArrayList<>(live.size());
        List<EnrichedEvent> rows = new ArrayList<>(live.size());
        try {
            rows.addAll(enricher.enrich(live.stream().map(QueuedEvent::event).toList()));
            enrichedEntries.addAll(live);
        } catch (StateUnavailableException stateDown) {
            throw stateDown;
        } catch (RuntimeException batchFailure) {
            // Find the entries that cannot be enriched, one by one, and set them aside.
            for (QueuedEvent entry : live) {
                try {
                    rows.addAll(enricher.enrich(List.of(entry.event())));
                    enrichedEntries.add(entry);
                } catch (StateUnavailableException stateDown) {
                    throw stateDown;
                } catch (RuntimeException e) {
                    deadLetter(entry, "enrichment failed: " + e);
                    deadLettered++;
                }
            }
        }
        if (rows.isEmpty()) {
            return new BatchOutcome.Written(0, deadLettered);
        }
        pending = new PendingBatch(enrichedEntries, rows, deduplicationToken(rows));
        return write(deadLettered);
    }

    /** Entries idle at dead consumers first (now and then), then new ones until full or the interval ends. */
    private List<QueuedEvent> collectBatch() {
        List<QueuedEvent> entries = new ArrayList<>(settings.batchSize());
        Instant now = clock.instant();
        if (!now.isBefore(lastClaim.plus(claimEvery()))) {
            lastClaim = now;
            entries.addAll(queue.claimStale(settings.consumer(), settings.claimMinIdle(), settings.batchSize()));
        }
        if (entries.isEmpty()) {
            entries.addAll(queue.read(settings.consumer(), settings.batchSize(), settings.flushInterval()));
            if (entries.isEmpty()) {
                return entries;
            }
        }
        Instant deadline = clock.instant().plus(settings.flushInterval());
        while (entries.size() < settings.batchSize()) {
            Duration left = Duration.between(clock.instant(), deadline);
            if (left.isNegative() || left.isZero()) {
                break;
            }
            entries.addAll(queue.read(settings.consumer(), settings.batchSize() - entries.size(), left));
        }
        if (entries.size() >= settings.batchSize() && settings.backlogGroup() > settings.batchSize()) {
            readBacklog(entries);
        }
        return entries;
    }

    /**
     * A batch that filled up means a backlog: what is already waiting joins the same write, up to
     * the settings' {@code backlogGroup} events, since a store takes fewer, larger writes faster.
     */
    private void readBacklog(List<QueuedEvent> entries) {
        while (entries.size() < settings.backlogGroup()) {
            int wanted = Math.min(settings.batchSize(), settings.backlogGroup() - entries.size());
            List<QueuedEvent> more = queue.read(settings.consumer(), wanted, BACKLOG_POLL);
            entries.addAll(more);
            if (more.size() < wanted) {
                return;
            }
        }
    }

    private Duration claimEvery() {
        Duration half = settings.claimMinIdle().dividedBy(2);
        return half.isZero() ? Duration.ofMillis(1) : half;
    }

    private BatchOutcome write(int deadLettered) {
        PendingBatch batch = pending;
        Instant started = clock.instant();
        try {
            store.write(batch.rows(), batch.token());
        } catch (StoreUnavailableException e) {
            metrics.batchFailed(batch.rows().size());
            LOG.log(System.Logger.Level.WARNING, "store write of {0} events failed, will retry: {1}",
                    batch.rows().size(), e.getMessage());
            return new BatchOutcome.StoreFailed(batch.rows().size(), e.getMessage());
        } catch (RuntimeException refused) {
            // The store is up but refused the data itself: retrying the same batch would loop forever.
            LOG.log(System.Logger.Level.WARNING, "store refused a batch of {0} events, writing them one by one: {1}",
                    batch.rows().size(), refused.toString());
            return writeOneByOne(batch, deadLettered);
        }
        metrics.batchWritten(batch.rows().size(), Duration.between(started, clock.instant()));
        queue.ack(batch.entries());
        pending = null;
        return new BatchOutcome.Written(batch.rows().size(), deadLettered);
    }

    /**
     * Isolates the rows the store refuses and dead-letters their queue entries; the others are written
     * (each with its own deduplication token, so repeating this after an outage counts nothing twice).
     */
    private BatchOutcome writeOneByOne(PendingBatch batch, int deadLetteredBefore) {
        int written = 0;
        int deadLettered = deadLetteredBefore;
        List<QueuedEvent> stored = new ArrayList<>();
        for (EnrichedEvent row : batch.rows()) {
            List<QueuedEvent> entries = batch.entries().stream()
                    .filter(entry -> sameMessage(entry.event(), row.event())).toList();
            try {
                store.write(List.of(row), deduplicationToken(List.of(row)));
                written++;
                stored.addAll(entries);
            } catch (StoreUnavailableException e) {
                metrics.batchFailed(batch.rows().size());
                return new BatchOutcome.StoreFailed(batch.rows().size(), e.getMessage());
            } catch (RuntimeException refused) {
                for (QueuedEvent entry : entries) {
                    deadLetter(entry, "store refused the event: " + refused);
                    deadLettered++;
                }
            }
        }
        queue.ack(stored);
        pending = null;
        return new BatchOutcome.Written(written, deadLettered);
    }

    private static boolean sameMessage(Event a, Event b) {
        return a.source().equals(b.source()) && a.messageId().equals(b.messageId());
    }

    private void deadLetter(QueuedEvent entry, String error) {
        LOG.log(System.Logger.Level.WARNING, "dead-lettering queue entry {0}: {1}", entry.entryId(), error);
        queue.deadLetter(entry, error);
        metrics.deadLettered(1);
    }

    /** Whether a refused batch (or one that could not be enriched yet) is waiting to be tried again. */
    public boolean hasPendingBatch() {
        return pending != null || unenriched != null;
    }

    /** Same events → same token, whichever worker writes them. */
    static String deduplicationToken(List<EnrichedEvent> rows) {
        try {
            MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
            for (EnrichedEvent row : rows) {
                Event event = row.event();
                sha256.update(event.source().getBytes(StandardCharsets.UTF_8));
                sha256.update((byte) 0);
                sha256.update(event.messageId().getBytes(StandardCharsets.UTF_8));
                sha256.update((byte) '\n');
            }
            return HexFormat.of().formatHex(sha256.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}
