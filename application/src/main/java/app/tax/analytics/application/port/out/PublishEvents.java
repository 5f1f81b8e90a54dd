package app.tax.analytics.application.port.out;

import app.tax.analytics.domain.event.Event;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

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

    /**
     * {@link #publish} without holding the caller's thread while the queue confirms: the stage completes when every
     * event is queued, or fails with a {@link QueueUnavailableException} (or an unexpected runtime failure). A queue
     * that cannot confirm asynchronously publishes in the caller's thread and returns a completed stage.
     */
    default CompletionStage<Void> publishAsync(List<Event> events) {
        try {
            publish(events);
            return CompletableFuture.completedFuture(null);
        } catch (QueueUnavailableException | RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
    }

    /**
     * Whether the queue would refuse any event now because its bound is reached, known here without asking a
     * server: the collector then refuses a request before parsing it. Only a bound that the queue's consumers
     * free again counts (not a failing disk, whose next write must still be tried). False where it cannot tell.
     */
    default boolean isFull() {
        return false;
    }
}
