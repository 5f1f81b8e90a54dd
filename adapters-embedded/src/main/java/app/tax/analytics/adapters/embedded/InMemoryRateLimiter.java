package app.tax.analytics.adapters.embedded;

import app.tax.analytics.application.port.out.RateLimiter;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * {@link RateLimiter} for one process: a fixed window per key that opens with the key's first request
 * (as {@code INCR} + {@code PEXPIRE} on a fresh key does in Redis). Keys whose window ended are swept
 * now and then, so memory follows the clients active within one window.
 */
final class InMemoryRateLimiter implements RateLimiter {
    static final int SWEEP_EVERY = 4096;

    private final int maxRequests;
    private final Duration window;
    private final Clock clock;
    private final ConcurrentHashMap<String, Window> windows = new ConcurrentHashMap<>();
    private final AtomicInteger requestsSinceSweep = new AtomicInteger();

    private record Window(Instant end, int requests) {
    }

    InMemoryRateLimiter(int maxRequests, Duration window, Clock clock) {
        if (maxRequests < 1) {
            throw new IllegalArgumentException("maxRequests must be at least 1");
        }
        Objects.requireNonNull(window, "window");
        if (window.isNegative() || window.isZero()) {
            throw new IllegalArgumentException("the rate-limit window must be positive");
        }
        this.maxRequests = maxRequests;
        this.window = window;
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    @Override
    public Verdict acquire(String key) {
        Objects.requireNonNull(key, "key");
        Instant now = clock.instant();
        Window current = windows.compute(key, (k, existing) -> existing == null || !now.isBefore(existing.end())
                ? new Window(now.plus(window), 1)
                : new Window(existing.end(), existing.requests() == Integer.MAX_VALUE ? existing.requests() : existing.requests() + 1));
        if (requestsSinceSweep.incrementAndGet() >= SWEEP_EVERY) {
            requestsSinceSweep.set(0);
            windows.values().removeIf(w -> !now.isBefore(w.end()));
        }
        if (current.requests() <= maxRequests) {
            return new Verdict.Allowed();
        }
        return new Verdict.Limited(Duration.between(now, current.end()));
    }

    /** Keys currently tracked (for tests of the sweep). */
    int trackedKeys() {
        return windows.size();
    }
}
