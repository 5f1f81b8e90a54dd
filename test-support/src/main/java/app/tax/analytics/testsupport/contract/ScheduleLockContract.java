package app.tax.analytics.testsupport.contract;

import static org.assertj.core.api.Assertions.assertThat;

import app.tax.analytics.application.port.out.ScheduleLock;
import app.tax.analytics.application.port.out.ScheduleLock.Lease;
import java.time.Duration;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * The contract of every {@link ScheduleLock}: one holder at a time per name, as seen by two processes (two instances
 * over the same state), freed by its holder or when the lease runs out, and a holder whose lease ran out never frees
 * the next holder's lock.
 */
public abstract class ScheduleLockContract {
    protected static final Duration LEASE = Duration.ofMinutes(5);

    /** The lock as one process sees it. */
    protected abstract ScheduleLock firstProcess();

    /** The same locks as another process sees them. */
    protected abstract ScheduleLock secondProcess();

    /** Makes the lease of {@code name} run out now (without its holder knowing). */
    protected abstract void letLeaseRunOut(String name);

    protected static String someName() {
        return "test-" + UUID.randomUUID();
    }

    @Test
    void oneHolderAtATimeUntilItReleases() {
        String name = someName();
        Optional<Lease> first = firstProcess().tryAcquire(name, LEASE);
        assertThat(first).isPresent();
        assertThat(secondProcess().tryAcquire(name, LEASE)).isEmpty();
        assertThat(firstProcess().tryAcquire(name, LEASE)).as("not re-entrant").isEmpty();
        assertThat(secondProcess().tryAcquire(someName(), LEASE)).as("another name is another lock").isPresent();

        first.get().close();
        Optional<Lease> second = secondProcess().tryAcquire(name, LEASE);
        assertThat(second).isPresent();
        second.get().close();
    }

    @Test
    void aLeaseThatRanOutIsFreeAndItsOldHolderCannotFreeTheNextOne() {
        String name = someName();
        Lease stale = firstProcess().tryAcquire(name, LEASE).orElseThrow();
        letLeaseRunOut(name);

        Lease next = secondProcess().tryAcquire(name, LEASE).orElseThrow();
        stale.close();
        assertThat(firstProcess().tryAcquire(name, LEASE)).as("still held by the next holder").isEmpty();
        next.close();
        assertThat(firstProcess().tryAcquire(name, LEASE)).isPresent();
    }
}
