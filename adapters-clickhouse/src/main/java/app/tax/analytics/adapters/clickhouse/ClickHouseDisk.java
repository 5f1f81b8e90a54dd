package app.tax.analytics.adapters.clickhouse;

import java.util.Objects;

/** One disk of a ClickHouse server as {@code system.disks} reports it. */
public record ClickHouseDisk(String host, String name, long freeBytes, long totalBytes) {
    public ClickHouseDisk {
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(name, "name");
        if (freeBytes < 0 || totalBytes < 0) {
            throw new IllegalArgumentException("disk sizes cannot be negative: free " + freeBytes + ", total " + totalBytes);
        }
    }

    /** Share of the disk in use, 0 to 1 (0 for a disk of unknown size, as object storage reports). */
    public double usedRatio() {
        return totalBytes == 0 ? 0.0 : Math.min(1.0, Math.max(0.0, 1.0 - (double) freeBytes / totalBytes));
    }
}
