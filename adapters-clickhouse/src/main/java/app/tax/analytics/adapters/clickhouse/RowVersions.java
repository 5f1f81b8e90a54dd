package app.tax.analytics.adapters.clickhouse;

import java.time.Instant;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The versions of the rows a store appends to a ReplacingMergeTree(version) table: microseconds since the epoch,
 * strictly increasing within this process, so a later save or removal always wins.
 */
final class RowVersions {
    private final AtomicLong last = new AtomicLong();

    long next() {
        long now = Instant.now().toEpochMilli() * 1000;
        return last.updateAndGet(previous -> Math.max(previous + 1, now));
    }
}
