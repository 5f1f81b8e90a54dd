package app.tax.analytics.bootstrap.production;

import static org.assertj.core.api.Assertions.assertThat;

import app.tax.analytics.adapters.clickhouse.ClickHouseMigrations;
import app.tax.analytics.adapters.clickhouse.ClickHouseSettings;
import app.tax.analytics.bootstrap.e2e.HttpJson;
import app.tax.analytics.testsupport.clickhouse.ClickHouseFixture;
import app.tax.analytics.testsupport.net.TcpProxy;
import app.tax.analytics.testsupport.redis.RedisFixture;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.LongSupplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The production topology as separate processes: a collector, two processors of one consumer group and
 * a dashboard, around a real Redis and the ClickHouse engine (docs/ARCHITECTURE.md, "Tests and fixtures"). The processors reach
 * ClickHouse through a proxy the test can cut. Each test sends events and the dashboard must count them
 * exactly once, through a processor's death, a ClickHouse outage and a Redis outage.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ProductionPipelineTest {
    private static final String WRITE_KEY = "production-test-key-1";
    private static final String STREAM = "analytics_events";
    private static final String GROUP = "processors";
    private static final int BATCH_SIZE = 200;
    private static final Duration CLAIM_IDLE = Duration.ofSeconds(6);

    private RedisFixture redis;
    private ClickHouseFixture clickhouse;
    private TcpProxy clickhouseLink;
    private final List<RoleProcess> processes = new ArrayList<>();
    private RoleProcess processorA;
    private RoleProcess processorB;
    private HttpJson collector;
    private HttpJson dashboard;
    private String token;
    private RedisClient redisClient;
    private StatefulRedisConnection<String, String> redisConnection;
    private int sent;

    @BeforeAll
    void startTheTopology() {
        redis = RedisFixture.startLocal();
        clickhouse = ClickHouseFixture.shared();
        String database = clickhouse.newDatabase("pipeline");
        ClickHouseMigrations.migrate(new ClickHouseSettings(clickhouse.host(), clickhouse.port(), database,
                clickhouse.user(), clickhouse.password(), clickhouse.options()), 0);
        clickhouseLink = new TcpProxy(clickhouse.host(), clickhouse.port());

        RoleProcess collectorProcess = start("collector", "collector", "--port=0", "--metrics-port=0", "--redis-url=" + redis.url(),
                "--allowed-write-keys=web:" + WRITE_KEY, "--rate-limit-max-requests=0");
        processorA = startProcessor("processor-a", database);
        processorB = startProcessor("processor-b", database);
        RoleProcess dashboardProcess = start("dashboard", "dashboard", "--port=0", "--metrics-port=0",
                "--clickhouse-host=" + clickhouse.host(), "--clickhouse-port=" + clickhouse.port(),
                "--clickhouse-database=" + database, "--clickhouse-user=" + clickhouse.user(),
                "--clickhouse-password=" + clickhouse.password(), "--clickhouse-options=" + clickhouse.options(),
                "--jwt-secret=production-test-secret-of-at-least-32-bytes", "--admin-email=ops@tax.app",
                "--admin-password=production test password", "--allowed-write-keys=web:" + WRITE_KEY);
        collector = new HttpJson(collectorProcess.port());
        dashboard = new HttpJson(dashboardProcess.port());
        processorA.port();
        processorB.port();
        token = dashboard.login("ops@tax.app", "production test password");
        redisClient = RedisClient.create(redis.url());
        redisConnection = redisClient.connect();
    }

    private RoleProcess startProcessor(String name, String database) {
        RoleProcess processor = start(name, "processor", "--port=0", "--redis-url=" + redis.url(),
                "--redis-consumer-name=" + name, "--clickhouse-host=127.0.0.1",
                "--clickhouse-port=" + clickhouseLink.port(), "--clickhouse-database=" + database,
                "--clickhouse-user=" + clickhouse.user(), "--clickhouse-password=" + clickhouse.password(),
                "--clickhouse-options=" + clickhouse.options(), "--batch-size=" + BATCH_SIZE, "--flush-interval-ms=1500",
                "--claim-idle-ms=" + CLAIM_IDLE.toMillis());
        return processor;
    }

    private RoleProcess start(String name, String... arguments) {
        RoleProcess process = RoleProcess.start(name, List.of(arguments));
        processes.add(process);
        return process;
    }

    @AfterAll
    void stopEverything() {
        processes.forEach(RoleProcess::close);
        if (redisConnection != null) {
            redisConnection.close();
            redisClient.shutdown();
        }
        if (clickhouseLink != null) {
            clickhouseLink.close();
        }
        if (redis != null) {
            redis.close();
        }
    }

    @Test
    @Order(0)
    void metricsAreOnTheManagementPortNotThePublicOnes() {
        assertThat(collector.get("/metrics", null).status()).isEqualTo(404);
        assertThat(dashboard.get("/metrics", null).status()).isEqualTo(404);
        assertThat(collector.get("/health", null).status()).isEqualTo(200);
    }

    @Test
    @Order(1)
    void everyAcceptedEventIsCountedExactlyOnceEvenWhenTheClientRetries() throws InterruptedException {
        sendEvents(0, 1000);
        // A client retrying its first request: same messageIds, new receive time.
        sendEvents(0, 50);

        awaitCount(1000, Duration.ofSeconds(90));
        awaitNothingPending();
        assertThat(countedEvents()).isEqualTo(1000);
        assertThat(overview().get("visitors").asLong()).isEqualTo(50);
    }

    @Test
    @Order(2)
    void clickHouseUnreachableUnderLoadLosesNothingKeepsMemoryBoundedAndCatchesUp() throws Exception {
        clickhouseLink.cut();
        sendEvents(1000, 1000);
        Thread.sleep(5000);

        long pending = xpendingTotal();
        assertThat(pending).as("each processor holds at most one batch while the store is down").isLessThanOrEqualTo(2L * BATCH_SIZE);
        assertThat(streamLength()).as("the rest waits in Redis").isGreaterThanOrEqualTo(1000 - pending);
        assertThat(countedEvents()).isEqualTo(1000);

        Instant restored = Instant.now();
        clickhouseLink.restore();
        awaitCount(2000, Duration.ofSeconds(90));
        System.out.println("[production pipeline] caught up " + Duration.between(restored, Instant.now()).toMillis()
                + " ms after ClickHouse came back");
        awaitNothingPending();
        assertThat(countedEvents()).isEqualTo(2000);
        assertThat(deadLetters()).isZero();
    }

    @Test
    @Order(3)
    void aProcessorKilledMidBatchHasItsEventsClaimedByTheOther() throws Exception {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(30));
        int next = 2000;
        while (pendingAt("processor-a") == 0 && Instant.now().isBefore(deadline)) {
            sendEvents(next, 20);
            next += 20;
            Thread.sleep(20);
        }
        long abandoned = pendingAt("processor-a");
        assertThat(abandoned).as("processor-a holds an unacknowledged batch").isPositive();
        processorA.kill();
        int total = next;

        Instant killed = Instant.now();
        awaitCount(total, CLAIM_IDLE.plus(Duration.ofSeconds(90)));
        System.out.println("[production pipeline] " + abandoned + " events of the killed processor stored "
                + Duration.between(killed, Instant.now()).toMillis() + " ms after the kill");
        awaitNothingPending();
        assertThat(countedEvents()).isEqualTo(total);
        assertThat(deadLetters()).isZero();
        assertThat(processorB.isAlive()).isTrue();
    }

    @Test
    @Order(4)
    void redisStoppedMakesTheCollectorAnswer503ThenItRecovers() throws Exception {
        int before = sent;
        redis.stop();
        HttpJson.Response refused = collector.postWithWriteKey("/v1/batch", WRITE_KEY, batch(before, 10));
        assertThat(refused.status()).isEqualTo(503);
        assertThat(refused.raw().headers().firstValue("Retry-After")).isPresent();

        Instant restarted = Instant.now();
        redis.restart();
        HttpJson.Response accepted = refused;
        while (accepted.status() != 200 && Duration.between(restarted, Instant.now()).compareTo(Duration.ofSeconds(30)) < 0) {
            Thread.sleep(100);
            accepted = collector.postWithWriteKey("/v1/batch", WRITE_KEY, batch(before, 10));
            assertThat(accepted.status()).as("never a 2xx that is not queued, only 200 or 503").isIn(200, 503);
        }
        assertThat(accepted.status()).isEqualTo(200);
        System.out.println("[production pipeline] collector accepted again " + Duration.between(restarted, Instant.now()).toMillis()
                + " ms after Redis restarted");
        awaitCount(before + 10, Duration.ofSeconds(60));
        assertThat(countedEvents()).isEqualTo(before + 10);
    }

    private void sendEvents(int first, int count) {
        for (int start = first; start < first + count; start += 50) {
            int size = Math.min(50, first + count - start);
            HttpJson.Response response = collector.postWithWriteKey("/v1/batch", WRITE_KEY, batch(start, size));
            assertThat(response.status()).as(response.body()).isEqualTo(200);
        }
        sent = Math.max(sent, first + count);
    }

    private static String batch(int first, int count) {
        ArrayNode items = HttpJson.JSON.createArrayNode();
        Instant now = Instant.now();
        for (int i = first; i < first + count; i++) {
            items.addObject().put("type", "track").put("event", "Step Completed").put("messageId", "m-" + i)
                    .put("anonymousId", "visitor-" + (i % 50)).put("timestamp", now.minusMillis(i % 1000).toString())
                    .putObject("properties").put("n", i);
        }
        ObjectNode body = HttpJson.JSON.createObjectNode();
        body.set("batch", items);
        return body.toString();
    }

    private com.fasterxml.jackson.databind.JsonNode overview() {
        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        HttpJson.Response response = dashboard.get("/api/stats/overview?source=web&from=" + today.minusDays(1)
                + "&to=" + today.plusDays(2), token);
        assertThat(response.status()).as(response.body()).isEqualTo(200);
        return response.json();
    }

    private long countedEvents() {
        return overview().get("events").asLong();
    }

    private void awaitCount(long expected, Duration timeout) throws InterruptedException {
        awaitValue(this::countedEvents, expected, timeout, "events counted by the dashboard");
    }

    private void awaitNothingPending() throws InterruptedException {
        awaitValue(this::xpendingTotal, 0, Duration.ofSeconds(60), "pending entries");
    }

    private static void awaitValue(LongSupplier value, long expected, Duration timeout, String what) throws InterruptedException {
        Instant deadline = Instant.now().plus(timeout);
        long seen = value.getAsLong();
        while (seen != expected && Instant.now().isBefore(deadline)) {
            Thread.sleep(200);
            seen = value.getAsLong();
        }
        assertThat(seen).as(what).isEqualTo(expected);
    }

    private long xpendingTotal() {
        return redisConnection.sync().xpending(STREAM, GROUP).getCount();
    }

    private long pendingAt(String consumer) {
        Map<String, Long> byConsumer = redisConnection.sync().xpending(STREAM, GROUP).getConsumerMessageCount();
        return byConsumer.getOrDefault(consumer, 0L);
    }

    private long streamLength() {
        return redisConnection.sync().xlen(STREAM);
    }

    private long deadLetters() {
        return redisConnection.sync().xlen(STREAM + ":dead");
    }
}
