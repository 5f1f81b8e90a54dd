package app.tax.analytics.adapters.embedded;

import app.tax.analytics.application.port.out.ScheduleLock;
import app.tax.analytics.testsupport.contract.ScheduleLockContract;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;

/** The lock contract in memory: one instance is the whole cluster, so both "processes" share it; time is a test clock. */
class InMemoryScheduleLockTest extends ScheduleLockContract {
    private Instant now = Instant.parse("2026-11-02T12:00:00Z");
    private final ScheduleLock lock = new InMemoryScheduleLock(new Clock() {
        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    });

    @Override
    protected ScheduleLock firstProcess() {
        return lock;
    }

    @Override
    protected ScheduleLock secondProcess() {
        return lock;
    }

    @Override
    protected void letLeaseRunOut(String name) {
        now = now.plus(LEASE).plus(Duration.ofMillis(1));
    }
}
