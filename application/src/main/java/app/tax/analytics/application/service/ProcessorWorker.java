package app.tax.analytics.application.service;

import app.tax.analytics.application.port.in.ProcessEvents;
import app.tax.analytics.application.port.in.ProcessEvents.BatchOutcome;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Runs a {@link ProcessEvents} in a loop on its own thread, backing off exponentially while the store
 * refuses writes; {@link #stop} lets the current batch finish.
 */
public final class ProcessorWorker implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger(ProcessorWorker.class.getName());
    private static final Duration FIRST_BACKOFF = Duration.ofMillis(100);
    static final Duration DEFAULT_MAX_BACKOFF = Duration.ofSeconds(30);

    private final ProcessEvents processor;
    private final Thread thread;
    private final CountDownLatch stopped = new CountDownLatch(1);
    private final CountDownLatch stopRequested = new CountDownLatch(1);
    private volatile boolean running = true;

    private final Duration maxBackoff;

    public ProcessorWorker(ProcessEvents processor, String name) {
        this(processor, name, DEFAULT_MAX_BACKOFF);
    }

    /**
     * @param maxBackoff longest wait between retries; keep it well under the queue's claim-idle time, since
     *                   each retry tells the queue the batch is still being worked on
     */
    public ProcessorWorker(ProcessEvents processor, String name, Duration maxBackoff) {
        this.processor = Objects.requireNonNull(processor);
        this.maxBackoff = Objects.requireNonNull(maxBackoff);
        this.thread = new Thread(this::loop, name);
    }

    public ProcessorWorker start() {
        thread.start();
        return this;
    }

    private void loop() {
        Duration backoff = FIRST_BACKOFF;
        try {
            while (running) {
                BatchOutcome outcome;
                try {
                    outcome = processor.processNextBatch();
                } catch (RuntimeException e) {
                    // The queue itself failed (e.g. Redis down): wait and try again, nothing was acknowledged.
                    LOG.log(System.Logger.Level.WARNING, "processing failed, retrying in {0} ms: {1}", backoff.toMillis(), e.toString());
                    outcome = new BatchOutcome.StoreFailed(0, e.toString());
                }
                if (outcome instanceof BatchOutcome.StoreFailed) {
                    sleep(backoff);
                    backoff = backoff.multipliedBy(2).compareTo(maxBackoff) > 0 ? maxBackoff : backoff.multipliedBy(2);
                } else {
                    backoff = FIRST_BACKOFF;
                }
            }
        } finally {
            stopped.countDown();
        }
    }

    /** Backs off, but wakes at once when asked to stop. */
    private void sleep(Duration duration) {
        try {
            stopRequested.await(duration.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            running = false;
        }
    }

    /** Stops after the batch in progress; waits up to {@code timeout}. */
    public boolean stop(Duration timeout) {
        running = false;
        stopRequested.countDown();
        try {
            return stopped.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    @Override
    public void close() {
        stop(Duration.ofSeconds(30));
    }
}
