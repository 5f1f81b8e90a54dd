package app.tax.analytics.adapters.redis;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

/** A warning logged at most once per interval, with the number of repetitions it stood for. */
final class RateLimitedWarning {
    private final System.Logger log;
    private final long intervalNanos;
    private final AtomicLong nextAllowedNanos;
    private final AtomicLong suppressed = new AtomicLong();

    RateLimitedWarning(System.Logger log, Duration interval) {
        this.log = log;
        this.intervalNanos = interval.toNanos();
        this.nextAllowedNanos = new AtomicLong(System.nanoTime());
    }

    void warn(String message) {
        long now = System.nanoTime();
        long allowedAt = nextAllowedNanos.get();
        if (now - allowedAt >= 0 && nextAllowedNanos.compareAndSet(allowedAt, now + intervalNanos)) {
            long repeats = suppressed.getAndSet(0);
            log.log(System.Logger.Level.WARNING, repeats == 0 ? message
                    : message + " (" + repeats + " more like this since the last warning)");
        } else {
            suppressed.incrementAndGet();
        }
    }
}
