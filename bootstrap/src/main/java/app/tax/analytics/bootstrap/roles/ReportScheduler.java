package app.tax.analytics.bootstrap.roles;

import app.tax.analytics.application.port.in.ManageReports;
import app.tax.analytics.application.port.out.ScheduleLock;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Sends the due e-mail reports every {@code REPORT_CHECK_SECONDS}, in the dashboard role (and {@code all}): each run
 * first takes the cluster-wide lock {@value #LOCK}, so one dashboard of many sends them; a dashboard that dies while
 * sending frees the lock when its lease ends.
 */
final class ReportScheduler {
    static final String LOCK = "email-reports";
    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(ReportScheduler.class);
    /** Longer than a run of many reports; a crashed holder blocks the others at most this long. */
    private static final Duration LEASE = Duration.ofMinutes(10);

    private ReportScheduler() {
    }

    /** The returned handle stops the schedule. */
    static AutoCloseable start(ManageReports reports, ScheduleLock lock, Duration every) {
        ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "email-reports");
            thread.setDaemon(true);
            return thread;
        });
        scheduler.scheduleWithFixedDelay(() -> runOnce(reports, lock), every.toMillis(), every.toMillis(), TimeUnit.MILLISECONDS);
        return scheduler::shutdownNow;
    }

    static void runOnce(ManageReports reports, ScheduleLock lock) {
        try {
            Optional<ScheduleLock.Lease> lease = lock.tryAcquire(LOCK, LEASE);
            if (lease.isEmpty()) {
                return; // another dashboard is sending them
            }
            try (ScheduleLock.Lease held = lease.get()) {
                reports.sendDueReports();
            }
        } catch (RuntimeException e) {
            // The next run tries again; a failed run must not cancel the schedule.
            LOG.warn("e-mail report run failed: {}", e.toString());
        }
    }
}
