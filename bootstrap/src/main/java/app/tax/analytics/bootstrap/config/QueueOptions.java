package app.tax.analytics.bootstrap.config;

import java.util.Locale;
import picocli.CommandLine.Option;

/** The embedded queue of {@code all} without Redis: on disk under DATA_DIR (the default), or in memory only. */
public final class QueueOptions {
    /** Events (not yet stored) the embedded queue holds before the collector answers 503. */
    public static final int CAPACITY = 100_000;

    @Option(names = "--queue-durability", paramLabel = "MODE", defaultValue = "${env:QUEUE_DURABILITY}",
            description = "QUEUE_DURABILITY: fsync (events are synced to DATA_DIR/queue before the 200) or memory"
                    + " (faster, but a crash loses accepted events not yet stored; for tests and benchmarks). Default fsync.")
    String durability;

    @Option(names = "--queue-max-mb", paramLabel = "MB", defaultValue = "${env:QUEUE_MAX_MB}",
            description = "QUEUE_MAX_MB: disk space the queue's files may take before the collector answers 503. Default 1024.")
    String maxMegabytes;

    /** Whether events go to disk before they are acknowledged to the client. */
    public boolean durable() {
        String mode = Values.text(durability, "fsync").toLowerCase(Locale.ROOT);
        return switch (mode) {
            case "fsync" -> true;
            case "memory" -> false;
            default -> throw new ConfigurationException("QUEUE_DURABILITY must be fsync or memory, got '" + durability + "'");
        };
    }

    public long maxBytes() {
        return Values.integer("QUEUE_MAX_MB", maxMegabytes, 1024, 1, 1_048_576) * 1024L * 1024L;
    }

    /** Reads every queue setting once, so a bad value stops start-up before anything is opened. */
    public void check() {
        durable();
        maxBytes();
    }
}
