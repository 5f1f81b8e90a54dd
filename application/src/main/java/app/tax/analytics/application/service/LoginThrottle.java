package app.tax.analytics.application.service;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Counts failed logins per key (an account, a client IP) in a sliding lock-out: after
 * {@code maxFailures} failures within {@code window}, further attempts are refused until the window
 * since the last failure has passed. In memory, per dashboard instance.
 */
public final class LoginThrottle {
    private final int maxFailures;
    private final Duration window;
    private final Clock clock;
    private final Map<String, Failures> failures = new ConcurrentHashMap<>();

    private record Failures(int count, Instant last) {
    }

    public LoginThrottle(int maxFailures, Duration window, Clock clock) {
        this.maxFailures = maxFailures;
        this.window = window;
        this.clock = clock;
    }

    /** How long {@code key} must still wait, when it is locked out. */
    public Optional<Duration> lockedFor(String key) {
        Failures f = failures.get(key);
        if (f == null || f.count() < maxFailures) {
            return Optional.empty();
        }
        Duration left = Duration.between(clock.instant(), f.last().plus(window));
        if (left.isNegative() || left.isZero()) {
            failures.remove(key, f);
            return Optional.empty();
        }
        return Optional.of(left);
    }

    public void recordFailure(String key) {
        Instant now = clock.instant();
        failures.compute(key, (k, f) -> f == null || f.last().plus(window).isBefore(now)
                ? new Failures(1, now) : new Failures(f.count() + 1, now));
        if (failures.size() > 100_000) {
            failures.entrySet().removeIf(e -> e.getValue().last().plus(window).isBefore(now));
        }
    }

    public void recordSuccess(String key) {
        failures.remove(key);
    }
}
