package app.tax.analytics.bootstrap.roles;

import app.tax.analytics.adapters.clickhouse.ClickHouseAdapters;
import app.tax.analytics.adapters.clickhouse.ClickHouseConnection;
import app.tax.analytics.adapters.embedded.DiskQueue;
import app.tax.analytics.adapters.embedded.DuckDbStore;
import app.tax.analytics.adapters.embedded.EmbeddedAdapters;
import app.tax.analytics.adapters.embedded.EmbeddedQueue;
import app.tax.analytics.adapters.http.Dependency;
import app.tax.analytics.adapters.http.RunningServer;
import app.tax.analytics.adapters.mail.MailAdapters;
import app.tax.analytics.adapters.mail.SmtpSettings;
import app.tax.analytics.adapters.redis.RedisAdapters;
import app.tax.analytics.adapters.redis.RedisConnection;
import app.tax.analytics.adapters.redis.RedisQueue;
import app.tax.analytics.application.port.out.ConsumeEvents;
import app.tax.analytics.application.port.out.DailySalts;
import app.tax.analytics.application.port.out.EventStore;
import app.tax.analytics.application.port.out.PipelineMetrics;
import app.tax.analytics.application.port.out.PublishEvents;
import app.tax.analytics.application.port.out.QueueHealth;
import app.tax.analytics.application.port.out.RateLimiter;
import app.tax.analytics.application.port.out.ReportMailer;
import app.tax.analytics.application.port.out.ScheduleLock;
import app.tax.analytics.application.port.out.SessionState;
import app.tax.analytics.application.port.out.StatsReader;
import app.tax.analytics.application.port.out.ApiKeyStore;
import app.tax.analytics.application.port.out.ShareStore;
import app.tax.analytics.application.port.out.UserStore;
import app.tax.analytics.application.service.ReleaseMarkers;
import app.tax.analytics.application.service.RetentionService;
import app.tax.analytics.bootstrap.config.AuthOptions;
import app.tax.analytics.bootstrap.config.ClickHouseOptions;
import app.tax.analytics.bootstrap.config.CollectorOptions;
import app.tax.analytics.bootstrap.config.ConfigurationException;
import app.tax.analytics.bootstrap.config.HttpOptions;
import app.tax.analytics.bootstrap.config.MailOptions;
import app.tax.analytics.bootstrap.config.ProcessingOptions;
import app.tax.analytics.bootstrap.config.QueueOptions;
import app.tax.analytics.bootstrap.config.RedisOptions;
import app.tax.analytics.bootstrap.config.StorageOptions;
import app.tax.analytics.bootstrap.config.Values;
import app.tax.analytics.bootstrap.wiring.FirstRun;
import app.tax.analytics.bootstrap.wiring.Metrics;
import app.tax.analytics.bootstrap.wiring.Resources;
import app.tax.analytics.bootstrap.wiring.StoreDiskMetrics;
import app.tax.analytics.domain.source.WriteKeys;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "all", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Collector, processor and dashboard in one process.",
                "Without REDIS_URL the queue is kept in DATA_DIR/queue (synced before the 200); without CLICKHOUSE_HOST events are stored in DuckDB under DATA_DIR.",
                "The first run generates a write key and an admin password and prints them once."})
public final class AllCommand extends RoleCommand {
    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(AllCommand.class);
    static final String QUEUE_FOLDER = "queue";
    static final Duration DRAIN_TIMEOUT = Duration.ofSeconds(30);

    @Option(names = "--collector-port", paramLabel = "PORT", defaultValue = "${env:COLLECTOR_PORT}",
            description = "COLLECTOR_PORT: ingestion API port. Default 3000.")
    String collectorPort;

    @Option(names = "--dashboard-port", paramLabel = "PORT", defaultValue = "${env:DASHBOARD_PORT}",
            description = "DASHBOARD_PORT: dashboard API and web UI port. Default 4000.")
    String dashboardPort;

    @Mixin
    HttpOptions http;
    @Mixin
    CollectorOptions collector;
    @Mixin
    ProcessingOptions processing;
    @Mixin
    AuthOptions auth;
    @Mixin
    StorageOptions storage;
    @Mixin
    QueueOptions embeddedQueue;
    @Mixin
    RedisOptions redis;
    @Mixin
    ClickHouseOptions clickhouse;
    @Mixin
    MailOptions mail;

    @Override
    public RunningRole start(PrintStream out) {
        checkConfiguration();
        Optional<SmtpSettings> smtp = mail.settings();
        int collectorPortNumber = Values.port("COLLECTOR_PORT", collectorPort, 3000);
        int dashboardPortNumber = Values.port("DASHBOARD_PORT", dashboardPort, 4000);
        Path dataDir = storage.dataDir();
        createDataDir(dataDir);
        FirstRun.WriteKeySetting writeKeySetting = FirstRun.writeKeys(collector.rawWriteKeys(), dataDir);
        WriteKeys writeKeys = CollectorOptions.parseWriteKeys(writeKeySetting.allowedWriteKeys());
        byte[] jwtSecret = auth.hasJwtSecret() ? auth.jwtSecret() : FirstRun.jwtSecret(dataDir);

        Resources resources = new Resources();
        try {
            PrometheusMeterRegistry registry = Metrics.registry("all", resources);
            PipelineMetrics metrics = Metrics.pipeline(registry);
            List<Dependency> dependencies = new ArrayList<>();

            EventStore store;
            StatsReader stats;
            UserStore users;
            ApiKeyStore apiKeys;
            ShareStore shares;
            BoardWiring board;
            Optional<ReportMailer> mailer = smtp.map(MailAdapters::smtp);
            if (clickhouse.isConfigured()) {
                ClickHouseConnection connection = resources.add(ClickHouseAdapters.connect(clickhouse.settings()));
                store = connection.events();
                stats = connection.stats();
                users = connection.users();
                apiKeys = connection.apiKeys();
                shares = connection.shares();
                board = BoardWiring.of(stats, connection.annotations(), connection.savedViews(), connection.reportSchedules(), mailer);
                store = new ReleaseMarkers(store, connection.annotations());
                dependencies.add(new Dependency("clickhouse", connection::isReady));
                resources.add(StoreDiskMetrics.start(registry, "clickhouse", StoreDiskMetrics.clickhouse(connection)));
            } else {
                DuckDbStore duckDb = resources.add(EmbeddedAdapters.openDuckDb(dataDir, storage.duckDbLimits()));
                store = duckDb.events();
                stats = duckDb.stats();
                users = duckDb.users();
                apiKeys = duckDb.apiKeys();
                shares = duckDb.shares();
                board = BoardWiring.of(stats, duckDb.annotations(), duckDb.savedViews(), duckDb.reportSchedules(), mailer);
                store = new ReleaseMarkers(store, duckDb.annotations());
                dependencies.add(Pipeline.storeDependency("duckdb", store));
                resources.add(StoreDiskMetrics.start(registry, "duckdb", StoreDiskMetrics.dataDir(dataDir)));
            }

            // One queue in this process; each use case gets the role it needs of it.
            PublishEvents publisher;
            ConsumeEvents consumer;
            QueueHealth queueHealth;
            SessionState sessions;
            RateLimiter limiter;
            DailySalts salts;
            ScheduleLock scheduleLock;
            int maxRequests = collector.rateLimitMaxRequests();
            if (redis.isConfigured()) {
                RedisConnection connection = resources.add(RedisAdapters.connect(redis.settings(), Metrics.redisObserver(registry)));
                RedisQueue queue = connection.eventQueue();
                publisher = queue;
                consumer = queue;
                queueHealth = queue;
                sessions = connection.sessionState();
                limiter = maxRequests == 0 ? RateLimiter.UNLIMITED : connection.rateLimiter(maxRequests, collector.rateLimitWindow());
                salts = connection.dailySalts();
                scheduleLock = connection.scheduleLock();
                dependencies.add(new Dependency("redis", connection::isReady));
                Metrics.redisQueueGauges(registry, connection, redis.streamKey());
            } else {
                EmbeddedQueue queue = embeddedQueue(dataDir, resources, registry, dependencies);
                publisher = queue;
                consumer = queue;
                queueHealth = queue;
                sessions = EmbeddedAdapters.inMemorySessionState(Clock.systemUTC());
                limiter = maxRequests == 0 ? RateLimiter.UNLIMITED
                        : EmbeddedAdapters.inMemoryRateLimiter(maxRequests, collector.rateLimitWindow(), Clock.systemUTC());
                salts = EmbeddedAdapters.inMemoryDailySalts();
                scheduleLock = EmbeddedAdapters.inMemoryScheduleLock(Clock.systemUTC());
                Metrics.queueGauges(registry, queueHealth, "in-process");
            }

            resources.add(Pipeline.startWorker(consumer, store,
                    Pipeline.enricher(processing, sessions, resources, registry), metrics, processing,
                    redis.isConfigured() ? redis.consumerName() : "all", true));
            int retentionDays = storage.retentionDays();
            if (retentionDays > 0) {
                resources.add(Retention.scheduleDaily(new RetentionService(store, Duration.ofDays(retentionDays), Clock.systemUTC())));
            }
            RunningServer dashboardServer = resources.add(Servers.dashboard(dashboardPortNumber, http, auth, jwtSecret,
                    writeKeys, stats, users, apiKeys, shares, store, board.api(), dependencies, registry, true, out));
            if (mailer.isPresent()) {
                resources.add(ReportScheduler.start(board.reports(), scheduleLock, mail.checkEvery()));
            }
            RunningServer collectorServer = Servers.collector(collectorPortNumber, http, writeKeys, publisher, limiter,
                    salts, metrics, dependencies, registry, true);

            writeKeySetting.announce(out, collectorServer.port(), dataDir);
            out.println("Collector listening on http://localhost:" + collectorServer.port() + "  (POST /v1/track, /v1/batch ...)");
            out.println("Dashboard listening on http://localhost:" + dashboardServer.port() + "  (web UI and /api)");
            out.println("Store: " + (clickhouse.isConfigured() ? "ClickHouse" : "DuckDB in " + dataDir)
                    + "; queue: " + (redis.isConfigured() ? "Redis stream " + redis.streamKey()
                    : embeddedQueue.durable() ? "on disk in " + dataDir.resolve(QUEUE_FOLDER)
                    : "in memory (QUEUE_DURABILITY=memory: a crash loses accepted events not yet stored)"));
            Runnable shutdown = () -> {
                // Stop taking events first, then let the processor drain what was accepted.
                collectorServer.close();
                drain(queueHealth);
                resources.close();
            };
            return new RunningRole(Map.of("collector", collectorServer.port(), "dashboard", dashboardServer.port()), shutdown);
        } catch (RuntimeException e) {
            resources.close();
            throw e;
        }
    }

    /** The queue without Redis: files under DATA_DIR (with a readiness check and disk meters), or memory only. */
    private EmbeddedQueue embeddedQueue(Path dataDir, Resources resources, MeterRegistry registry, List<Dependency> dependencies) {
        if (!embeddedQueue.durable()) {
            return EmbeddedAdapters.inProcessQueue(QueueOptions.CAPACITY);
        }
        DiskQueue disk = resources.add(EmbeddedAdapters.diskQueue(dataDir.resolve(QUEUE_FOLDER), QueueOptions.CAPACITY,
                embeddedQueue.maxBytes()));
        dependencies.add(new Dependency("queue-disk", disk::isReady));
        Metrics.diskQueueMeters(registry, disk);
        return disk;
    }

    /** Reads every setting once, so a bad value stops start-up before anything is created or opened. */
    private void checkConfiguration() {
        Values.port("COLLECTOR_PORT", collectorPort, 3000);
        Values.port("DASHBOARD_PORT", dashboardPort, 4000);
        http.cors();
        http.dashboardCors();
        http.proxy();
        collector.rateLimitWindow();
        collector.rateLimitMaxRequests();
        if (collector.rawWriteKeys() != null) {
            collector.writeKeys();
        }
        processing.check();
        auth.tokenLifetime();
        if (auth.hasJwtSecret()) {
            auth.jwtSecret();
        }
        storage.retentionDays();
        embeddedQueue.check();
        if (redis.isConfigured()) {
            redis.settings();
        }
        if (clickhouse.isConfigured()) {
            clickhouse.settings();
        }
    }

    /** Waits until every accepted event is stored (the queue holds only unacknowledged entries). */
    private static void drain(QueueHealth queue) {
        Instant deadline = Instant.now().plus(DRAIN_TIMEOUT);
        try {
            while (queue.stats().length() > 0 && Instant.now().isBefore(deadline)) {
                Thread.sleep(50);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            LOG.warn("could not check the queue while draining: {}", e.toString());
            return;
        }
        LOG.info("queue drained to the store");
    }

    private static void createDataDir(Path dataDir) {
        try {
            Files.createDirectories(dataDir);
        } catch (IOException e) {
            throw new ConfigurationException("DATA_DIR " + dataDir + " cannot be created: " + e.getMessage());
        }
    }
}
