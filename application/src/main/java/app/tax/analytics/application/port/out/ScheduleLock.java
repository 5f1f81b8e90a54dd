package app.tax.analytics.application.port.out;

import java.time.Duration;
import java.util.Optional;

/**
 * A lock that lets one process of the cluster run a scheduled job: in production a Redis key, in the
 * single-process {@code all} role a lock in memory.
 */
public interface ScheduleLock {
    /**
     * Takes the lock {@code name} for at most {@code leaseTime} (it is free again after that even if the holder
     * died), or returns empty when another holder has it.
     *
     * @throws StateUnavailableException when the lock's store does not answer
     */
    Optional<Lease> tryAcquire(String name, Duration leaseTime);

    /** A held lock; closing it frees it unless its lease ran out and someone else took it meanwhile. */
    interface Lease extends AutoCloseable {
        @Override
        void close();
    }
}
