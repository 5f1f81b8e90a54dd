package app.tax.analytics.adapters.embedded;

import app.tax.analytics.application.port.out.SessionState;
import app.tax.analytics.domain.session.SessionActivity;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * {@link SessionState} for one process. Entries expire {@code keepFor} after they were saved (like a
 * Redis key's TTL); expired ones are swept now and then so memory follows the active visitors only.
 */
final class InMemorySessionState implements SessionState {
    /** Saves between two sweeps of expired entries: often enough to bound memory, rare enough to be cheap. */
    static final int SWEEP_EVERY = 4096;

    private final Clock clock;
    private final ConcurrentHashMap<VisitorKey, Remembered> sessions = new ConcurrentHashMap<>();
    private final AtomicInteger savesSinceSweep = new AtomicInteger();

    private record VisitorKey(String source, String visitorId) {
    }

    private record Remembered(SessionActivity activity, Instant expiresAt) {
    }

    InMemorySessionState(Clock clock) {
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    @Override
    public Optional<SessionActivity> current(String source, String visitorId) {
        VisitorKey key = new VisitorKey(source, visitorId);
        Remembered remembered = sessions.get(key);
        if (remembered == null) {
            return Optional.empty();
        }
        if (!clock.instant().isBefore(remembered.expiresAt())) {
            sessions.remove(key, remembered);
            return Optional.empty();
        }
        return Optional.of(remembered.activity());
    }

    @Override
    public void save(String source, String visitorId, SessionActivity activity, Duration keepFor) {
        Objects.requireNonNull(activity, "activity");
        Instant now = clock.instant();
        sessions.put(new VisitorKey(source, visitorId), new Remembered(activity, now.plus(keepFor)));
        if (savesSinceSweep.incrementAndGet() >= SWEEP_EVERY) {
            savesSinceSweep.set(0);
            sessions.values().removeIf(r -> !now.isBefore(r.expiresAt()));
        }
    }

    /** Entries currently held, expired or not (for tests of the sweep). */
    int size() {
        return sessions.size();
    }
}
