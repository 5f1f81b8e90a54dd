package app.tax.analytics.application.service;

import app.tax.analytics.application.port.in.EnforceRetention;
import app.tax.analytics.application.port.out.EventStore;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/** {@link EnforceRetention}: events whose time is more than the retention period ago are deleted. */
public final class RetentionService implements EnforceRetention {
    private static final System.Logger LOG = System.getLogger(RetentionService.class.getName());

    private final EventStore store;
    private final Duration retention;
    private final Clock clock;

    public RetentionService(EventStore store, Duration retention, Clock clock) {
        this.store = Objects.requireNonNull(store);
        this.retention = Objects.requireNonNull(retention);
        this.clock = Objects.requireNonNull(clock);
        if (retention.isNegative() || retention.isZero()) {
            throw new IllegalArgumentException("retention must be positive (0 days means keep forever: do not enforce)");
        }
    }

    @Override
    public void enforce() {
        Instant cutoff = clock.instant().minus(retention);
        store.deleteOlderThan(cutoff);
        LOG.log(System.Logger.Level.INFO, "retention: deleted events before {0}", cutoff);
    }
}
