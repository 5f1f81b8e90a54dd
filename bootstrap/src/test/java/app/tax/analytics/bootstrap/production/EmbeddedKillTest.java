package app.tax.analytics.bootstrap.production;

import static org.assertj.core.api.Assertions.assertThat;

import app.tax.analytics.bootstrap.e2e.HttpJson;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code all} (the embedded default: its queue on disk, DuckDB) as a process of its own, SIGKILLed three times
 * under load from several client threads, each time at a different moment, and restarted on the same DATA_DIR.
 * Every batch that got a 2xx must be counted exactly once by the dashboard; a batch whose answer was lost in the
 * kill may be counted or not, but only whole and once. Each round sends with its own write key (source), so that
 * one breakdown by a batch-id property per round checks every batch (at most 1000 rows per breakdown).
 */
class EmbeddedKillTest {
    private static final int CLIENTS = 4;
    private static final int BATCH = 50;
    private static final int MAX_BATCHES_PER_ROUND = 900;
    /** When each round's SIGKILL comes: once this many batches were answered 2xx (early, mid-load, late). */
    private static final List<Integer> KILL_AFTER_BATCHES = List.of(5, 120, 400);
    private static final String ADMIN_EMAIL = "admin@tax.app";
    private static final String ADMIN_PASSWORD = "kill nine test password";

    @TempDir
    Path dataDir;
    private final int collectorPort = freePort();
    private final int dashboardPort = freePort();

    @Test
    void everyEventAnswered2xxSurvivesKillNineAndIsCountedExactlyOnce() throws Exception {
        List<Map<String, Boolean>> rounds = new ArrayList<>();
        for (int round = 0; round < KILL_AFTER_BATCHES.size(); round++) {
            RoleProcess all = startAll();
            Map<String, Boolean> batches = new ConcurrentHashMap<>();
            rounds.add(batches);
            Load load = new Load(round, batches);
            load.start();
            load.awaitAcknowledged(KILL_AFTER_BATCHES.get(round), Duration.ofSeconds(30));
            all.kill();
            load.stop();
            long acknowledged = batches.values().stream().filter(ok -> ok).count();
            System.out.println("[kill -9] round " + (round + 1) + ": killed after " + KILL_AFTER_BATCHES.get(round)
                    + " batches answered; " + acknowledged + " batches of " + BATCH + " answered 2xx in all, "
                    + (batches.size() - acknowledged) + " sent without an answer");
            assertThat(acknowledged).as("round %d had load before the kill", round + 1)
                    .isGreaterThanOrEqualTo(KILL_AFTER_BATCHES.get(round));
        }

        RoleProcess all = startAll();
        try {
            HttpJson dashboard = new HttpJson(dashboardPort);
            awaitQueueEmpty(Duration.ofSeconds(60));
            String token = dashboard.login(ADMIN_EMAIL, ADMIN_PASSWORD);
            for (int round = 0; round < rounds.size(); round++) {
                Map<String, Long> counted = eventsPerBatch(dashboard, token, source(round));
                Map<String, Boolean> sent = rounds.get(round);
                for (Map.Entry<String, Boolean> batch : sent.entrySet()) {
                    if (batch.getValue()) {
                        assertThat(counted.get(batch.getKey())).as("round %d, batch %s answered 2xx", round + 1, batch.getKey())
                                .isEqualTo((long) BATCH);
                    }
                }
                assertThat(counted).as("round %d: only batches sent, each whole and once", round + 1)
                        .allSatisfy((id, events) -> {
                            assertThat(sent).containsKey(id);
                            assertThat(events).isEqualTo((long) BATCH);
                        });
                long total = overviewEvents(dashboard, token, source(round));
                assertThat(total).isEqualTo(counted.values().stream().mapToLong(Long::longValue).sum());
            }
        } finally {
            all.close();
        }
    }

    private RoleProcess startAll() {
        RoleProcess all = RoleProcess.start("all", List.of("all", "--collector-port=" + collectorPort,
                "--dashboard-port=" + dashboardPort, "--data-dir=" + dataDir,
                "--allowed-write-keys=" + source(0) + ":" + writeKey(0) + "," + source(1) + ":" + writeKey(1) + ","
                        + source(2) + ":" + writeKey(2),
                "--admin-email=" + ADMIN_EMAIL, "--admin-password=" + ADMIN_PASSWORD,
                "--jwt-secret=kill-nine-test-secret-of-at-least-32-bytes", "--queue-durability=fsync",
                "--rate-limit-max-requests=0", "--batch-size=200", "--flush-interval-ms=200"));
        all.port();
        return all;
    }

    private static String source(int round) {
        return "round" + (round + 1);
    }

    private static String writeKey(int round) {
        return "kill-nine-key-round-" + (round + 1);
    }

    /** Client threads sending batches until stopped (or the process is gone); records each batch's outcome. */
    private final class Load {
        private final int round;
        private final Map<String, Boolean> batches;
        private final AtomicBoolean running = new AtomicBoolean(true);
        private final AtomicInteger numbered = new AtomicInteger();
        private final AtomicInteger acknowledged = new AtomicInteger();
        private final List<Thread> threads = new ArrayList<>();

        Load(int round, Map<String, Boolean> batches) {
            this.round = round;
            this.batches = batches;
        }

        void start() {
            for (int c = 0; c < CLIENTS; c++) {
                Thread thread = new Thread(this::send, "kill-nine-client-" + c);
                threads.add(thread);
                thread.start();
            }
        }

        private void send() {
            HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
            String basic = Base64.getEncoder().encodeToString((writeKey(round) + ":").getBytes(StandardCharsets.UTF_8));
            while (running.get()) {
                int number = numbered.getAndIncrement();
                if (number >= MAX_BATCHES_PER_ROUND) {
                    return;
                }
                String id = "r" + (round + 1) + "-b" + number;
                batches.put(id, false);
                HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + collectorPort + "/v1/batch"))
                        .header("Authorization", "Basic " + basic).header("Content-Type", "application/json")
                        .timeout(Duration.ofSeconds(10)).POST(HttpRequest.BodyPublishers.ofString(batch(id))).build();
                try {
                    HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());
                    if (response.statusCode() / 100 == 2) {
                        batches.put(id, true);
                        acknowledged.incrementAndGet();
                    }
                } catch (IOException e) {
                    // the process was killed: this batch's fate is unknown, and no more can be sent
                    return;
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }

        void awaitAcknowledged(int count, Duration timeout) throws InterruptedException {
            Instant deadline = Instant.now().plus(timeout);
            while (acknowledged.get() < count && Instant.now().isBefore(deadline)) {
                Thread.sleep(1);
            }
        }

        void stop() throws InterruptedException {
            running.set(false);
            for (Thread thread : threads) {
                thread.join(Duration.ofSeconds(30).toMillis());
            }
        }
    }

    private static String batch(String id) {
        ArrayNode items = HttpJson.JSON.createArrayNode();
        Instant now = Instant.now();
        for (int i = 0; i < BATCH; i++) {
            ObjectNode item = items.addObject().put("type", "track").put("event", "Return Filed")
                    .put("messageId", id + "-" + i).put("anonymousId", "visitor-" + id + "-" + (i % 5))
                    .put("timestamp", now.toString());
            item.putObject("properties").put("batch", id);
            item.putObject("context").put("userAgent",
                    "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0 Safari/537.36");
        }
        ObjectNode body = HttpJson.JSON.createObjectNode();
        body.set("batch", items);
        return body.toString();
    }

    private void awaitQueueEmpty(Duration timeout) throws InterruptedException {
        HttpJson collector = new HttpJson(collectorPort);
        Instant deadline = Instant.now().plus(timeout);
        String last = "";
        while (Instant.now().isBefore(deadline)) {
            last = collector.get("/metrics", null).body().lines()
                    .filter(line -> line.startsWith("redis_stream_length{")).findFirst().orElse("");
            if (last.endsWith(" 0.0")) {
                return;
            }
            Thread.sleep(200);
        }
        throw new AssertionError("the queue did not drain within " + timeout + ": " + last);
    }

    private static String range() {
        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        return "&from=" + today.minusDays(1) + "&to=" + today.plusDays(2);
    }

    private static Map<String, Long> eventsPerBatch(HttpJson dashboard, String token, String source) {
        HttpJson.Response response = dashboard.get("/api/stats/breakdown?source=" + source + range()
                + "&dimension=prop:batch&metrics=events&limit=1000", token);
        assertThat(response.status()).as(response.body()).isEqualTo(200);
        Map<String, Long> counted = new HashMap<>();
        for (JsonNode row : response.json().get("rows")) {
            assertThat(counted.put(row.get("value").asText(), row.get("events").asLong())).as("one row per batch").isNull();
        }
        return counted;
    }

    private static long overviewEvents(HttpJson dashboard, String token, String source) {
        HttpJson.Response response = dashboard.get("/api/stats/overview?source=" + source + range(), token);
        assertThat(response.status()).as(response.body()).isEqualTo(200);
        return response.json().get("events").asLong();
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
