package app.tax.analytics.bootstrap.config;

import java.nio.file.Path;
import picocli.CommandLine.Option;

/** Where the embedded default keeps its files, and how long events are kept. */
public final class StorageOptions {
    @Option(names = "--data-dir", paramLabel = "DIR", defaultValue = "${env:DATA_DIR}",
            description = "DATA_DIR: folder for the embedded DuckDB store and first-run secrets. Default ./data.")
    String dataDir;

    @Option(names = "--retention-days", paramLabel = "DAYS", defaultValue = "${env:RETENTION_DAYS}",
            description = "RETENTION_DAYS: events older than this are deleted; 0 keeps them forever. Default 0.")
    String retentionDays;

    public Path dataDir() {
        return Path.of(Values.text(dataDir, "data")).toAbsolutePath();
    }

    public int retentionDays() {
        return Values.integer("RETENTION_DAYS", retentionDays, 0, 0, 36_500);
    }
}
