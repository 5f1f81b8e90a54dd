package app.tax.analytics.bootstrap.roles;

import app.tax.analytics.application.port.in.EnforceRetention;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Runs {@code RETENTION_DAYS} in the {@code all} role: shortly after start, then daily. (With
 * ClickHouse in production, the TTL set by {@code migrate} does this inside the database.)
 */
final class Retention {
    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(Retention.class);
    private static final long FIRST_RUN_AFTER_MINUTES = 1;
    private static final long EVERY_MINUTES = 24 * 60;

    private Retention() {
    }

    /** The returned handle stops the schedule. */
    static AutoCloseable scheduleDaily(EnforceRetention retention) {
        ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "retention");
            thread.setDaemon(true);
            return thread;
        });
        scheduler.scheduleAtFixedRate(() -> {
            try {
                retention.enforce();
            } catch (RuntimeException e) {
                // The next run tries again; a failed run must not cancel the schedule.
                LOG.warn("retention run failed: {}", e.toString());
            }
        }, FIRST_RUN_AFTER_MINUTES, EVERY_MINUTES, TimeUnit.MINUTES);
        return scheduler::shutdownNow;
    }
}
