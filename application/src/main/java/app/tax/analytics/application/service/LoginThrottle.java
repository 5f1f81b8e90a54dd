package app.tax.analytics.application.service;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Counts failed password checks per key (an account, a client address, or both) within a sliding window: a
 * failure counts until {@code window} after the last one. Past the free failures a key either waits out the
 * window ({@link #lockout}) or waits a delay that doubles with each further failure ({@link #slowdown}).
 * <p>
 * An attempt is {@linkplain #reserve reserved} before the (slow) password hash and counts as a failure from
 * then on, so parallel attempts cannot all pass the check before any failure is recorded; a success
 * {@linkplain #release releases} its reservation. In memory, per dashboard instance.
 */
public final class LoginThrottle {
    private static final int MAX_KEYS = 100_000;

    private final int freeFailures;
    private final Duration window;
    /** Null for a lock-out: the wait is then the rest of the window. */
    private final Duration maxDelay;
    private final Clock clock;
    private final Map<String, Failures> failures = new ConcurrentHashMap<>();

    private record Failures(int count, Instant last) {
    }

    private LoginThrottle(int freeFailures, Duration window, Duration maxDelay, Clock clock) {
        this.freeFailures = freeFailures;
        this.window = window;
        this.maxDelay = maxDelay;
        this.clock = clock;
    }

    /** After {@code maxFailures} failures, refused until {@code window} after the last one. */
    public static LoginThrottle lockout(int maxFailures, Duration window, Clock clock) {
        return new LoginThrottle(maxFailures, window, null, clock);
    }

    /**
     * After {@code freeFailures} failures, each further attempt must come at least 1 s, 2 s, 4 s ... (at most
     * {@code maxDelay}) after the previous one: slowed down, never locked.
     */
    public static LoginThrottle slowdown(int freeFailures, Duration window, Duration maxDelay, Clock clock) {
        return new LoginThrottle(freeFailures, window, maxDelay, clock);
    }

    /**
     * Takes an attempt for {@code key}, counted as a failure until {@link #release}d; when the key must wait,
     * nothing is taken and the wait is returned.
     */
    public Optional<Duration> reserve(String key) {
        Instant now = clock.instant();
        Duration[] wait = new Duration[1];
        failures.compute(key, (k, f) -> {
            if (f == null || !now.isBefore(f.last().plus(window))) {
                return new Failures(1, now);
            }
            Duration left = f.count() < freeFailures ? Duration.ZERO
                    : Duration.between(now, f.last().plus(delayAfter(f.count())));
            if (!left.isNegative() && !left.isZero()) {
                wait[0] = left;
                return f;
            }
            return new Failures(f.count() + 1, now);
        });
        if (failures.size() > MAX_KEYS) {
            failures.entrySet().removeIf(e -> !now.isBefore(e.getValue().last().plus(window)));
        }
        return Optional.ofNullable(wait[0]);
    }

    /** Undoes one reservation: the attempt succeeded or was refused by another throttle before being made. */
    public void release(String key) {
        failures.computeIfPresent(key, (k, f) -> f.count() <= 1 ? null : new Failures(f.count() - 1, f.last()));
    }

    /** Forgets every failure of {@code key}. */
    public void forget(String key) {
        failures.remove(key);
    }

    private Duration delayAfter(int count) {
        if (maxDelay == null) {
            return window;
        }
        int doublings = Math.min(30, count - freeFailures);
        Duration delay = Duration.ofSeconds(1L << doublings);
        return delay.compareTo(maxDelay) > 0 ? maxDelay : delay;
    }
}
