package app.tax.analytics.adapters.embedded;

/**
 * An {@link EmbeddedQueue} kept in files: {@code publish} returns only once the events are synced to disk, and a
 * restart queues again every event not yet acknowledged. Closing it writes what is pending and releases the files.
 */
public interface DiskQueue extends EmbeddedQueue, AutoCloseable {

    /** Bytes of the queue's files (what the byte limit bounds). */
    long bytesOnDisk();

    /** Publishes refused (answered 503) because the disk had no space left. */
    long diskFullRefusals();

    /** Publishes refused because of another write or sync error. */
    long writeErrorRefusals();

    @Override
    void close();
}
