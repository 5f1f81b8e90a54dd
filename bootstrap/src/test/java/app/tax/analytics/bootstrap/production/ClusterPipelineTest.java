package app.tax.analytics.bootstrap.production;

import static org.assertj.core.api.Assertions.assertThat;

import app.tax.analytics.adapters.clickhouse.ClickHouseMigrations;
import app.tax.analytics.adapters.clickhouse.ClickHouseSettings;
import app.tax.analytics.bootstrap.e2e.HttpJson;
import app.tax.analytics.testsupport.clickhouse.ClickHouseFixture;
import app.tax.analytics.testsupport.redis.RedisClusterFixture;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.lettuce.core.cluster.RedisClusterClient;
import io.lettuce.core.cluster.api.StatefulRedisClusterConnection;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The production topology on a Redis Cluster (3 masters, 3 replicas) as separate processes: a collector given
 * one node's URL (it finds the cluster out), two processors, a dashboard, and the ClickHouse engine. Under load from
 * many visitors a master is killed with SIGKILL; the test client sends each refused (503) batch again, as the SDK
 * does. Every event that got a 2xx, and every refused one once resent, must be counted exactly once.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ClusterPipelineTest {
    private static final String WRITE_KEY = "cluster-test-key-1";
    private static final String STREAM = "analytics_events";
    private static final String GROUP = "processors";
    private static final int VISITORS = 400;
    /** A browser's batch holds one visitor's events. */
    private static final int EVENTS_PER_BATCH = 10;
    private static final int SENDERS = 4;
    private static final Duration CLAIM_IDLE = Duration.ofSeconds(5);

    private RedisClusterFixture cluster;
    private final List<RoleProcess> processes = new ArrayList<>();
    private RoleProcess processorA;
    private RoleProcess processorB;
    private RoleProcess collectorProcess;
    private HttpJson collector;
    private HttpJson dashboard;
    private String token;
    private RedisClusterClient redisClient;
    private StatefulRedisClusterConnection<String, String> redis;
    private final AtomicInteger batchesSent = new AtomicInteger();

    @BeforeAll
    void startTheTopology() {
        cluster = RedisClusterFixture.start();
        ClickHouseFixture clickhouse = ClickHouseFixture.shared();
        String database = clickhouse.newDatabase("cluster_pipeline");
        ClickHouseMigrations.migrate(new ClickHouseSettings(clickhouse.host(), clickhouse.port(), database,
                clickhouse.user(), clickhouse.password(), clickhouse.options()), 0);
        List<String> store = List.of("--clickhouse-host=" + clickhouse.host(), "--clickhouse-port=" + clickhouse.port(),
                "--clickhouse-database=" + database, "--clickhouse-user=" + clickhouse.user(),
                "--clickhouse-password=" + clickhouse.password(), "--clickhouse-options=" + clickhouse.options());

        collectorProcess = start("collector", List.of("collector", "--port=0", "--metrics-port=0", "--redis-url=" + cluster.url(),
                "--allowed-write-keys=web:" + WRITE_KEY, "--rate-limit-max-requests=0"));
        processorA = startProcessor("processor-a", store);
        processorB = startProcessor("processor-b", store);
        List<String> dashboardArguments = new ArrayList<>(List.of("dashboard", "--port=0", "--metrics-port=0",
                "--jwt-secret=cluster-test-secret-of-at-least-32-bytes!", "--admin-email=ops@tax.app",
                "--admin-password=cluster test password", "--allowed-write-keys=web:" + WRITE_KEY));
        dashboardArguments.addAll(store);
        RoleProcess dashboardProcess = start("dashboard", dashboardArguments);
        collector = new HttpJson(collectorProcess.port());
        dashboard = new HttpJson(dashboardProcess.port());
        processorA.port();
        processorB.port();
        token = dashboard.login("ops@tax.app", "cluster test password");
        redisClient = RedisClusterClient.create(cluster.url());
        redis = redisClient.connect();
    }

    private RoleProcess startProcessor(String name, List<String> store) {
        List<String> arguments = new ArrayList<>(List.of("processor", "--port=0", "--redis-url=" + cluster.seedList(),
                "--redis-consumer-name=" + name, "--batch-size=200", "--flush-interval-ms=500",
                "--claim-idle-ms=" + CLAIM_IDLE.toMillis()));
        arguments.addAll(store);
        return start(name, arguments);
    }

    private RoleProcess start(String name, List<String> arguments) {
        RoleProcess process = RoleProcess.start(name, arguments);
        processes.add(process);
        return process;
    }

    @AfterAll
    void stopEverything() {
        processes.forEach(RoleProcess::close);
        if (redis != null) {
            redis.close();
            redisClient.shutdown();
        }
        if (cluster != null) {
            cluster.close();
        }
    }

    @Test
    @Order(1)
    void aMasterKilledUnderLoadLosesNoAcceptedEventAndReadinessTellsTheTruth() throws Exception {
        assertThat(collector.get("/health/ready", null).status()).isEqualTo(200);
        int victim = cluster.masterPortFor(STREAM + ":{0}");
        Load load = new Load(1_000, 0);
        AtomicLong unreadySeen = new AtomicLong();
        AtomicLong readyAgainAt = new AtomicLong();
        long killedAt;
        ExecutorService senders = Executors.newFixedThreadPool(SENDERS);
        try {
            List<Future<?>> running = load.start(senders);
            awaitValue(batchesSent::get, 300, Duration.ofSeconds(60), "batches sent before the kill", true);
            cluster.kill(victim);
            killedAt = System.nanoTime();
            boolean restarted = false;
            while (System.nanoTime() - killedAt < Duration.ofSeconds(60).toNanos()) {
                int ready = collector.get("/health/ready", null).status();
                if (ready == 503) {
                    unreadySeen.incrementAndGet();
                }
                if (!restarted && cluster.hasFailedOver(victim)) {
                    System.out.println("[cluster pipeline] replica promoted " + (System.nanoTime() - killedAt) / 1_000_000
                            + " ms after the kill");
                    cluster.restart(victim); // as an orchestrator would; it rejoins as the new master's replica
                    restarted = true;
                }
                if (restarted && ready == 200 && unreadySeen.get() > 0) {
                    readyAgainAt.set(System.nanoTime());
                    break;
                }
                Thread.sleep(50);
            }
            for (Future<?> sender : running) {
                sender.get(120, TimeUnit.SECONDS);
            }
        } finally {
            senders.shutdownNow();
        }
        System.out.printf("[cluster pipeline] %d events accepted (%d batches), %d batches refused with 503 and sent again, "
                        + "collector ready again %d ms after the kill%n", load.events(), load.batches(), load.refused.get(),
                (readyAgainAt.get() - killedAt) / 1_000_000);

        assertThat(unreadySeen.get()).as("/health/ready answered 503 while a shard's slots were unserved").isPositive();
        assertThat(readyAgainAt.get()).as("and 200 again after the failover").isPositive();
        assertThat(load.refused.get()).as("events of the lost shard were refused, not silently dropped").isPositive();
        assertThat(load.failedForGood.get()).as("every refused batch was taken on a later attempt").isZero();
        awaitCount(load.events(), Duration.ofSeconds(120));
        awaitNothingPending();
        assertThat(countedEvents()).isEqualTo(load.events());
        assertThat(deadLetters()).isZero();
        String metrics = new HttpJson(processorB.port()).get("/metrics", null).body();
        assertThat(metrics.lines().filter(line -> line.startsWith("redis_stream_length{") && line.contains("stream=\"analytics_events:{")))
                .as("one length per shard, twice the masters").hasSize(6);
        assertThat(metrics.lines().filter(line -> line.startsWith("redis_stream_lag{"))).hasSize(6);
        assertThat(metrics.lines().filter(line -> line.startsWith("redis_stream_dead_letters{"))).hasSize(6);
        assertThat(counterTotal(metrics, "redis_cluster_topology_refreshes_total"))
                .as("the failover made the processor read the topology again").isPositive();
        assertThat(counterTotal(metrics, "redis_cluster_topology_changes_total")).as("and find the promoted replica").isPositive();
    }

    @Test
    @Order(2)
    void aProcessorKilledWhileTheClusterIsHealthyHasItsEntriesClaimedByTheOther() throws Exception {
        long before = countedEvents();
        Load load = new Load(300, 1);
        ExecutorService senders = Executors.newFixedThreadPool(SENDERS);
        try {
            List<Future<?>> running = load.start(senders);
            awaitValue(() -> pendingAt("processor-a"), 1, Duration.ofSeconds(60), "entries pending at processor-a", true);
            processorA.kill();
            for (Future<?> sender : running) {
                sender.get(120, TimeUnit.SECONDS);
            }
        } finally {
            senders.shutdownNow();
        }
        Instant killed = Instant.now();
        awaitCount(before + load.events(), CLAIM_IDLE.plus(Duration.ofSeconds(90)));
        System.out.println("[cluster pipeline] all events stored " + Duration.between(killed, Instant.now()).toMillis()
                + " ms after the last was sent, processor-a killed");
        awaitNothingPending();
        assertThat(countedEvents()).isEqualTo(before + load.events());
        assertThat(deadLetters()).isZero();
        assertThat(processorB.isAlive()).isTrue();
    }

    private static double counterTotal(String metrics, String name) {
        return metrics.lines().filter(line -> line.startsWith(name + "{") || line.startsWith(name + " "))
                .mapToDouble(line -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1))).sum();
    }

    /** {@code batches} batches of one visitor each, sent by a few threads, each refused batch sent again until taken. */
    private final class Load {
        private final int batches;
        private final int round;
        private final AtomicInteger next = new AtomicInteger();
        final AtomicInteger refused = new AtomicInteger();
        final AtomicInteger failedForGood = new AtomicInteger();
        private final AtomicBoolean stop = new AtomicBoolean();

        Load(int batches, int round) {
            this.batches = batches;
            this.round = round;
        }

        int batches() {
            return batches;
        }

        long events() {
            return (long) batches * EVENTS_PER_BATCH;
        }

        List<Future<?>> start(ExecutorService senders) {
            List<Future<?>> running = new ArrayList<>();
            for (int i = 0; i < SENDERS; i++) {
                running.add(senders.submit(this::send));
            }
            return running;
        }

        private void send() {
            for (int batch = next.getAndIncrement(); batch < batches && !stop.get(); batch = next.getAndIncrement()) {
                String body = batch(round, batch);
                long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
                int status = collector.postWithWriteKey("/v1/batch", WRITE_KEY, body).status();
                while (status == 503 && System.nanoTime() < deadline) {
                    refused.incrementAndGet();
                    pause(100);
                    status = collector.postWithWriteKey("/v1/batch", WRITE_KEY, body).status();
                }
                if (status != 200) {
                    failedForGood.incrementAndGet();
                }
                batchesSent.incrementAndGet();
            }
        }
    }

    private static String batch(int round, int batch) {
        ArrayNode items = HttpJson.JSON.createArrayNode();
        Instant now = Instant.now();
        String visitor = "visitor-" + round + "-" + (batch % VISITORS);
        for (int i = 0; i < EVENTS_PER_BATCH; i++) {
            items.addObject().put("type", "track").put("event", "Step Completed").put("messageId", "m-" + round + "-" + batch + "-" + i)
                    .put("anonymousId", visitor).put("timestamp", now.minusMillis(i).toString())
                    .putObject("properties").put("n", i);
        }
        ObjectNode body = HttpJson.JSON.createObjectNode();
        body.set("batch", items);
        return body.toString();
    }

    private static void pause(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private long countedEvents() {
        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        HttpJson.Response response = dashboard.get("/api/stats/overview?source=web&from=" + today.minusDays(1)
                + "&to=" + today.plusDays(2), token);
        assertThat(response.status()).as(response.body()).isEqualTo(200);
        return response.json().get("events").asLong();
    }

    private void awaitCount(long expected, Duration timeout) throws InterruptedException {
        try {
            awaitValue(this::countedEvents, expected, timeout, "events counted by the dashboard", false);
        } catch (AssertionError e) {
            processes.forEach(process -> System.out.println("[cluster pipeline] output of " + process.name + ":\n"
                    + process.output().lines().skip(Math.max(0, process.output().lines().count() - 60))
                            .reduce("", (all, line) -> all + line + "\n")));
            // In the failure's own message, which CI's summary shows: where the missing events are.
            throw new AssertionError(e.getMessage() + "\n" + queueState(), e);
        }
    }

    /** What each shard holds, for a failure's message: length, and per group delivered, pending and lag. */
    private String queueState() {
        StringBuilder state = new StringBuilder("[cluster pipeline] queue state, masters " + cluster.masterPorts() + ":\n");
        for (String stream : shards()) {
            state.append("  ").append(stream).append(" on ").append(cluster.masterPortFor(stream)).append(": length ")
                    .append(redis.sync().xlen(stream)).append(", groups ").append(redis.sync().xinfoGroups(stream))
                    .append(", dead ").append(redis.sync().xlen(stream + ":dead")).append('\n');
        }
        return state.toString();
    }

    private void awaitNothingPending() throws InterruptedException {
        awaitValue(() -> shards().stream().mapToLong(stream -> redis.sync().xpending(stream, GROUP).getCount()).sum(),
                0, Duration.ofSeconds(60), "pending entries", false);
    }

    /**
     * Waits until the value is {@code expected}, for {@code timeout} after it last changed (a busy machine slows the
     * pipeline down, which is not what these tests are about; a stall is), and at most three times that in all.
     *
     * @param atLeast whether reaching {@code expected} is enough
     */
    private static void awaitValue(LongSupplier value, long expected, Duration timeout, String what, boolean atLeast)
            throws InterruptedException {
        Instant start = Instant.now();
        Instant lastChange = start;
        long seen = value.getAsLong();
        while ((atLeast ? seen < expected : seen != expected) && Instant.now().isBefore(lastChange.plus(timeout))
                && Instant.now().isBefore(start.plus(timeout.multipliedBy(3)))) {
            Thread.sleep(250); // the test's ClickHouse engine runs one query at a time: polling must not starve the writers
            long now = value.getAsLong();
            if (now != seen) {
                lastChange = Instant.now();
                seen = now;
            }
        }
        if (atLeast) {
            assertThat(seen).as(what).isGreaterThanOrEqualTo(expected);
        } else {
            assertThat(seen).as(what).isEqualTo(expected);
        }
    }

    private List<String> shards() {
        return List.copyOf(redis.sync().smembers(STREAM + ":shards"));
    }

    private long pendingAt(String consumer) {
        return shards().stream()
                .mapToLong(stream -> redis.sync().xpending(stream, GROUP).getConsumerMessageCount().getOrDefault(consumer, 0L))
                .sum();
    }

    private long deadLetters() {
        return shards().stream().mapToLong(stream -> redis.sync().xlen(stream + ":dead")).sum();
    }
}
