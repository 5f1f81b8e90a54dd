package app.tax.analytics.application.port.out;

import java.time.Duration;

/** What the core reports for {@code /metrics} (docs/ARCHITECTURE.md, "Observability"). */
public interface PipelineMetrics {
    void eventsAccepted(String source, int count);

    /** @param reason a short, fixed label: invalid, unauthorized, rate_limited, queue_unavailable, too_large, ... */
    void eventsRejected(String reason, int count);

    void batchWritten(int size, Duration insertLatency);

    void batchFailed(int size);

    void deadLettered(int count);

    /** Discards everything. */
    PipelineMetrics NONE = new PipelineMetrics() {
        @Override
        public void eventsAccepted(String source, int count) {
        }

        @Override
        public void eventsRejected(String reason, int count) {
        }

        @Override
        public void batchWritten(int size, Duration insertLatency) {
        }

        @Override
        public void batchFailed(int size) {
        }

        @Override
        public void deadLettered(int count) {
        }
    };
}
