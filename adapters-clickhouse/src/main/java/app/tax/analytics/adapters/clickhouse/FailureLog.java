package app.tax.analytics.adapters.clickhouse;

import java.time.Duration;
import java.util.Objects;
import java.util.function.LongSupplier;

/**
 * Log lines about a ClickHouse server that fails: one line per failure (its root cause, never a stack
 * trace), at most one per {@code interval}; the failures in between are counted into the next line, and the
 * first success after failures says the server answers again. While ClickHouse is down every caller
 * (processor retries, dashboard requests, readiness probes, metrics) fails, so without this the outage
 * would bury the log.
 */
final class FailureLog {
    private final String server;
    private final long intervalNanos;
    private final LongSupplier nanoTime;
    private final System.Logger logger;
    private volatile boolean failing;
    private long lastReportNanos;
    private long unreported;
    private long failures;

    FailureLog(String server, Duration interval, LongSupplier nanoTime, System.Logger logger) {
        this.server = Objects.requireNonNull(server);
        this.intervalNanos = interval.toNanos();
        this.nanoTime = Objects.requireNonNull(nanoTime);
        this.logger = Objects.requireNonNull(logger);
    }

    synchronized void failed(String operation, Throwable failure) {
        long now = nanoTime.getAsLong();
        failures++;
        if (failing && now - lastReportNanos < intervalNanos) {
            unreported++;
            return;
        }
        String earlier = unreported == 0 ? "" : " (" + unreported + " more failures since the last line)";
        logger.log(System.Logger.Level.WARNING, "ClickHouse at {0}: {1} failed: {2}{3}", server, operation, rootCause(failure), earlier);
        failing = true;
        lastReportNanos = now;
        unreported = 0;
    }

    void succeeded() {
        if (!failing) {
            return;
        }
        synchronized (this) {
            if (failing) {
                logger.log(System.Logger.Level.INFO, "ClickHouse at {0} answers again after {1,number,#} failures", server, failures);
                failing = false;
                failures = 0;
                unreported = 0;
            }
        }
    }

    /** The innermost cause's message: "Connection refused", not the driver's "Query request failed (attempt: 4)". */
    static String rootCause(Throwable failure) {
        Throwable root = failure;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String message = root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
        return message.strip().lines().findFirst().orElse(message);
    }
}
