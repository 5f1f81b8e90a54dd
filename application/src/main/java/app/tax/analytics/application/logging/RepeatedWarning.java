package app.tax.analytics.application.logging;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

/**
 * A WARN line that repeats under load (a refusal per request, a server that stays unreachable) logged at most once
 * per interval; the next line says how many were left out, so the log shows the rate without flooding (issue 10, 12).
 * Services and adapters share it (docs/ARCHITECTURE.md, "Modules").
 */
public final class RepeatedWarning {
    public static final Duration DEFAULT_INTERVAL = Duration.ofSeconds(10);

    private final System.Logger log;
    private final long intervalNanos;
    private final LongSupplier nanoTime;
    private final AtomicLong nextLineAt;
    private final AtomicLong leftOut = new AtomicLong();

    /** @param nanoTime the clock, {@code System::nanoTime} outside tests */
    public RepeatedWarning(System.Logger log, Duration interval, LongSupplier nanoTime) {
        this.log = log;
        this.intervalNanos = interval.toNanos();
        this.nanoTime = nanoTime;
        this.nextLineAt = new AtomicLong(nanoTime.getAsLong());
    }

    public void warn(String message) {
        long now = nanoTime.getAsLong();
        long due = nextLineAt.get();
        if (now - due < 0 || !nextLineAt.compareAndSet(due, now + intervalNanos)) {
            leftOut.incrementAndGet();
            return;
        }
        long skipped = leftOut.getAndSet(0);
        log.log(System.Logger.Level.WARNING, skipped == 0 ? message
                : message + " (and " + skipped + " like it in the last " + Duration.ofNanos(intervalNanos).toSeconds() + " s)");
    }
}
