package app.tax.analytics.adapters.embedded;

import app.tax.analytics.application.port.out.ScheduleLock;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** {@link ScheduleLock} of the single-process role: a lease per name in memory, free again when it runs out. */
final class InMemoryScheduleLock implements ScheduleLock {
    private record Held(Object holder, Instant until) {
    }

    private final Map<String, Held> held = new ConcurrentHashMap<>();
    private final Clock clock;

    InMemoryScheduleLock(Clock clock) {
        this.clock = Objects.requireNonNull(clock);
    }

    @Override
    public Optional<Lease> tryAcquire(String name, Duration leaseTime) {
        Object holder = new Object();
        Instant now = clock.instant();
        Held mine = new Held(holder, now.plus(leaseTime));
        Held after = held.compute(name, (key, current) -> current == null || !current.until().isAfter(now) ? mine : current);
        if (after != mine) {
            return Optional.empty();
        }
        return Optional.of(() -> held.remove(name, mine));
    }
}
