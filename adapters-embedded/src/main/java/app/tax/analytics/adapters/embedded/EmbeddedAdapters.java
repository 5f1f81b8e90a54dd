package app.tax.analytics.adapters.embedded;

import app.tax.analytics.application.port.out.DailySalts;
import app.tax.analytics.application.port.out.RateLimiter;
import app.tax.analytics.application.port.out.ScheduleLock;
import app.tax.analytics.application.port.out.SessionState;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;

/**
 * The adapters of the single-process {@code all} role: everything lives in this JVM, events are kept in a
 * DuckDB file. Bootstrap creates them here; the implementations are package-private.
 */
public final class EmbeddedAdapters {
    /** Size at which the durable queue starts a new file; a file is deleted once all its events are stored. */
    static final long SEGMENT_BYTES = 16L * 1024 * 1024;

    private EmbeddedAdapters() {
    }

    /**
     * A bounded queue in memory. {@code publish} refuses (with {@code QueueUnavailableException}) events that
     * would take the entries not yet acknowledged beyond {@code capacity}, so nothing is dropped silently.
     */
    public static EmbeddedQueue inProcessQueue(int capacity) {
        return new InProcessQueue(capacity, Clock.systemUTC());
    }

    /**
     * The durable queue of the embedded default: segment files in {@code directory} (created when missing), synced
     * before {@code publish} returns. {@code publish} refuses events beyond {@code capacity} unacknowledged entries
     * or beyond {@code maxBytes} of files, and when the disk cannot take them. What the files hold is queued again.
     *
     * @throws IllegalStateException naming the file when a file cannot be read, or when another process uses them
     */
    public static DiskQueue diskQueue(Path directory, int capacity, long maxBytes) {
        return SegmentLogQueue.open(directory, capacity, maxBytes, Math.min(SEGMENT_BYTES, maxBytes / 4), Clock.systemUTC());
    }

    /** Visitors' current sessions in memory; an entry expires {@code keepFor} after it was saved. */
    public static SessionState inMemorySessionState(Clock clock) {
        return new InMemorySessionState(clock);
    }

    /** The daily salts of cookieless visitor ids, in memory: random per UTC day, forgotten after two days. */
    public static DailySalts inMemoryDailySalts() {
        return new InMemoryDailySalts();
    }

    /**
     * A fixed-window limit per key: at most {@code maxRequests} in a window that starts with the key's first
     * request; a refusal says how long until that window ends.
     */
    public static RateLimiter inMemoryRateLimiter(int maxRequests, Duration window, Clock clock) {
        return new InMemoryRateLimiter(maxRequests, window, clock);
    }

    /** Locks of scheduled jobs in memory: the single process is the whole cluster. */
    public static ScheduleLock inMemoryScheduleLock(Clock clock) {
        return new InMemoryScheduleLock(clock);
    }

    /**
     * Opens (creating the directory and schema when missing) the database file
     * {@code dataDir/analytics.duckdb}. Only one process may have it open at a time.
     *
     * @throws app.tax.analytics.application.port.out.StoreUnavailableException when it cannot be opened
     */
    public static DuckDbStore openDuckDb(Path dataDir) {
        return DuckDbDatabase.open(dataDir, DuckDbLimits.defaults());
    }

    /** As {@link #openDuckDb(Path)}, with DuckDB's memory limit and thread count. */
    public static DuckDbStore openDuckDb(Path dataDir, DuckDbLimits limits) {
        return DuckDbDatabase.open(dataDir, limits);
    }
}
