package app.tax.analytics.application.port.out;

/** What metrics, readiness and shutdown ask of the queue. */
public interface QueueHealth {

    QueueStats stats();

    /** Whether the queue's server is reachable (for {@code /health/ready}). */
    boolean isReady();
}
