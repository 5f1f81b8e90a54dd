package app.tax.analytics.bootstrap.wiring;

import app.tax.analytics.adapters.clickhouse.ClickHouseConnection;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * {@code analytics_store_disk_usage_ratio{store,host,disk}}: the share of each disk of the store in use
 * (the seed's "disk usage > 80 %" alert). Read in the background every {@link #REFRESH}, so a scrape never
 * waits for the store; a disk whose last reading failed reports NaN rather than an old figure.
 */
public final class StoreDiskMetrics implements AutoCloseable {
    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(StoreDiskMetrics.class);
    static final String NAME = "analytics_store_disk_usage_ratio";
    static final Duration REFRESH = Duration.ofSeconds(30);

    /** One disk: where it is, its name, and the share in use (0 to 1). */
    public record Disk(String host, String name, double usedRatio) {
        public Disk {
            Objects.requireNonNull(host, "host");
            Objects.requireNonNull(name, "name");
        }
    }

    private final MeterRegistry registry;
    private final String store;
    private final Supplier<List<Disk>> disks;
    private final Map<List<String>, Double> ratios = new ConcurrentHashMap<>();
    private final ScheduledExecutorService refresher;
    private volatile boolean failing;

    private StoreDiskMetrics(MeterRegistry registry, String store, Supplier<List<Disk>> disks) {
        this.registry = registry;
        this.store = store;
        this.disks = disks;
        this.refresher = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "store-disk-metrics");
            thread.setDaemon(true);
            return thread;
        });
    }

    /** Reads the disks now (so the gauges exist from the start) and then every {@link #REFRESH}. */
    public static StoreDiskMetrics start(MeterRegistry registry, String store, Supplier<List<Disk>> disks) {
        StoreDiskMetrics metrics = new StoreDiskMetrics(registry, store, disks);
        metrics.refresh();
        metrics.refresher.scheduleWithFixedDelay(metrics::refresh, REFRESH.toMillis(), REFRESH.toMillis(), TimeUnit.MILLISECONDS);
        return metrics;
    }

    /** The file system holding the embedded store's folder (DATA_DIR). */
    public static Supplier<List<Disk>> dataDir(Path dataDir) {
        String host = localHost();
        return () -> {
            try {
                FileStore fileStore = Files.getFileStore(dataDir);
                long total = fileStore.getTotalSpace();
                double used = total == 0 ? 0.0 : 1.0 - (double) fileStore.getUsableSpace() / total;
                return List.of(new Disk(host, "data_dir", used));
            } catch (IOException e) {
                throw new UncheckedIOException("DATA_DIR " + dataDir + " cannot be measured: " + e.getMessage(), e);
            }
        };
    }

    /** The disks ClickHouse reports ({@code system.disks}). */
    public static Supplier<List<Disk>> clickhouse(ClickHouseConnection connection) {
        return () -> connection.disks().stream().map(d -> new Disk(d.host(), d.name(), d.usedRatio())).toList();
    }

    void refresh() {
        try {
            List<Disk> current = disks.get();
            ratios.replaceAll((key, ratio) -> Double.NaN);
            for (Disk disk : current) {
                List<String> key = List.of(disk.host(), disk.name());
                if (ratios.put(key, disk.usedRatio()) == null) {
                    Gauge.builder(NAME, ratios, r -> r.getOrDefault(key, Double.NaN))
                            .tags("store", store, "host", disk.host(), "disk", disk.name())
                            .description("Share of the store's disk in use").register(registry);
                }
            }
            if (failing) {
                LOG.info("{} disk usage readable again", store);
                failing = false;
            }
        } catch (RuntimeException e) {
            ratios.replaceAll((key, ratio) -> Double.NaN);
            // Once per outage: the store's own health check and alerts report the outage itself.
            if (!failing) {
                LOG.warn("{} disk usage unknown until the store answers: {}", store, e.getMessage());
                failing = true;
            }
        }
    }

    private static String localHost() {
        String host = System.getenv("HOSTNAME");
        if (host != null && !host.isBlank()) {
            return host;
        }
        try {
            return java.net.InetAddress.getLocalHost().getHostName();
        } catch (IOException e) {
            return "localhost";
        }
    }

    @Override
    public void close() {
        refresher.shutdownNow();
    }
}
