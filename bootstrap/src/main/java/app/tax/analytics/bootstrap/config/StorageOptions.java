package app.tax.analytics.bootstrap.config;

import app.tax.analytics.adapters.embedded.DuckDbLimits;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** Where the embedded default keeps its files, how much DuckDB may take, and how long events are kept. */
public final class StorageOptions {
    @Option(names = "--data-dir", paramLabel = "DIR", defaultValue = "${env:DATA_DIR}",
            description = "DATA_DIR: folder for the embedded DuckDB store and first-run secrets. Default ./data.")
    String dataDir;

    @Option(names = "--retention-days", paramLabel = "DAYS", defaultValue = "${env:RETENTION_DAYS}",
            description = "RETENTION_DAYS: events older than this are deleted; 0 keeps them forever. Default 0.")
    String retentionDays;

    @Option(names = "--duckdb-memory-limit", paramLabel = "SIZE", defaultValue = "${env:DUCKDB_MEMORY_LIMIT}",
            description = "DUCKDB_MEMORY_LIMIT: memory the embedded DuckDB store may use (512MB, 2GB, 50%%); a query that needs more "
                    + "fails with 503. Default " + DuckDbLimits.DEFAULT_MEMORY_LIMIT + ".")
    String duckDbMemoryLimit;

    @Option(names = "--duckdb-threads", paramLabel = "N", defaultValue = "${env:DUCKDB_THREADS}",
            description = "DUCKDB_THREADS: DuckDB's worker threads. Default: the processors available to the JVM.")
    String duckDbThreads;

    /** DuckDB's memory limit and threads, checked at start-up. */
    public DuckDbLimits duckDbLimits() {
        int threads = Values.integer("DUCKDB_THREADS", duckDbThreads, Runtime.getRuntime().availableProcessors(), 1, 256);
        try {
            return new DuckDbLimits(Values.text(duckDbMemoryLimit, DuckDbLimits.DEFAULT_MEMORY_LIMIT), threads);
        } catch (IllegalArgumentException e) {
            throw new ConfigurationException("DUCKDB_MEMORY_LIMIT: " + e.getMessage());
        }
    }

    public Path dataDir() {
        return Path.of(Values.text(dataDir, "data")).toAbsolutePath();
    }

    public int retentionDays() {
        return Values.integer("RETENTION_DAYS", retentionDays, 0, 0, 36_500);
    }
}
