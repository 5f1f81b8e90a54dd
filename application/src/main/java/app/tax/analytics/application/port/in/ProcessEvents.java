package app.tax.analytics.application.port.in;

/** Moves one batch from the queue to the store: read, enrich, write, acknowledge. */
public interface ProcessEvents {

    BatchOutcome processNextBatch();

    sealed interface BatchOutcome {
        /** Nothing arrived within the flush interval. */
        record Idle() implements BatchOutcome {
        }

        /** {@code written} events stored and acknowledged; {@code deadLettered} moved aside. */
        record Written(int written, int deadLettered) implements BatchOutcome {
        }

        /** The store did not confirm; the batch is kept and retried with the same deduplication token. */
        record StoreFailed(int pending, String error) implements BatchOutcome {
        }
    }
}
