package app.tax.analytics.bootstrap.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * The whole embedded pipeline: a fixed dataset goes through the collector's single and batch
 * endpoints, the in-process queue, the processor (GeoIP, user agent, sessions) and DuckDB, and the
 * dashboard API must report exactly the numbers worked out below by hand.
 *
 * <p>Dataset, all on Monday 2026-11-02 (UTC), source "web":
 * <ul>
 * <li>a1 (Chrome desktop, Nairobi): pages / 10:00, /pricing 10:05, track "Signed Up" 10:06 → session 1
 *     (2 pageviews + a track: not a bounce, 360 s); 40 minutes later /blog 10:46 → session 2 (bounce, 0 s)</li>
 * <li>a2 (iPhone, London, from Google): pages / 12:00 and /pricing 12:30 — a gap of exactly 30 minutes
 *     keeps one session (not a bounce, 1800 s)</li>
 * <li>a3 (Firefox desktop, Nairobi, from Twitter): /blog 15:00 sent twice with one messageId → counted
 *     once; a bounce (0 s)</li>
 * <li>Googlebot: / 16:00 → kept but excluded from the stats</li>
 * <li>u4 (userId only, in a batch, no user agent): identify 18:00, /pricing 18:01, track "Filed Return"
 *     18:02 → one session, one pageview + a track: not a bounce, 120 s</li>
 * </ul>
 * Totals: visitors 4, pageviews 7, events 10, sessions 5, bounces 2 → bounceRate 0.4,
 * avgSessionSeconds (360+0+1800+0+120)/5 = 456, viewsPerSession 7/5 = 1.4.
 *
 * <p>And a5, whose clock runs one hour fast, sends a page view now: after Segment's skew correction it
 * happened just now, so it counts in the realtime figure and not an hour ahead.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class EmbeddedPipelineEndToEndTest {
    private static final String DAY = "2026-11-02";
    private static final String CHROME = "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36";
    private static final String IPHONE = "Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1";
    private static final String FIREFOX = "Mozilla/5.0 (X11; Ubuntu; Linux x86_64; rv:133.0) Gecko/20100101 Firefox/133.0";
    private static final String GOOGLEBOT = "Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)";

    @TempDir
    static Path dataDir;
    private AllRoleFixture all;
    private String token;

    @BeforeAll
    void startAndSendTheDataset() throws Exception {
        Path mmdb = GeoFixture.write(java.nio.file.Files.createTempDirectory("geo"));
        all = new AllRoleFixture(dataDir, "--maxmind-db-path=" + mmdb);
        token = all.login();

        page("a1", null, "41.90.1.10", CHROME, "https://tax.app/?utm_source=newsletter&utm_medium=email", null, "10:00:00", "m1");
        page("a1", null, "41.90.1.10", CHROME, "https://tax.app/pricing", "https://tax.app/", "10:05:00", "m2");
        assertAccepted(all.collector.postWithWriteKey("/v1/track", AllRoleFixture.WRITE_KEY, message("a1", null, "41.90.1.10", CHROME, "10:06:00", "m3")
                .put("event", "Signed Up").set("properties", HttpJson.JSON.createObjectNode().put("plan", "pro")).toString()));
        page("a1", null, "41.90.1.10", CHROME, "https://tax.app/blog", null, "10:46:00", "m4");

        page("a2", null, "81.2.69.10", IPHONE, "https://tax.app/", "https://www.google.com/", "12:00:00", "m5");
        page("a2", null, "81.2.69.10", IPHONE, "https://tax.app/pricing", "https://tax.app/", "12:30:00", "m6");

        page("a3", null, "41.90.2.20", FIREFOX, "https://tax.app/blog", "https://twitter.com/someone", "15:00:00", "m7");
        page("a3", null, "41.90.2.20", FIREFOX, "https://tax.app/blog", "https://twitter.com/someone", "15:00:00", "m7");

        page("bot", null, "66.249.66.1", GOOGLEBOT, "https://tax.app/", null, "16:00:00", "m8");

        ArrayNode batch = HttpJson.JSON.createArrayNode();
        batch.add(HttpJson.JSON.createObjectNode().put("type", "identify").put("userId", "u4").put("timestamp", at("18:00:00"))
                .put("messageId", "m9").set("traits", HttpJson.JSON.createObjectNode().put("plan", "basic")));
        batch.add(HttpJson.JSON.createObjectNode().put("type", "page").put("userId", "u4").put("timestamp", at("18:01:00"))
                .put("messageId", "m10").set("properties", HttpJson.JSON.createObjectNode().put("url", "https://tax.app/pricing")));
        batch.add(HttpJson.JSON.createObjectNode().put("type", "track").put("userId", "u4").put("event", "Filed Return")
                .put("timestamp", at("18:02:00")).put("messageId", "m11"));
        ObjectNode batchBody = HttpJson.JSON.createObjectNode();
        batchBody.set("batch", batch);
        assertAccepted(all.collector.postWithWriteKey("/v1/batch", AllRoleFixture.WRITE_KEY, batchBody.toString()));

        // a5's clock is one hour fast: it says it viewed the page at now+1h and sent it a second later.
        Instant fastNow = Instant.now().plus(Duration.ofHours(1));
        assertAccepted(all.collector.postWithWriteKey("/v1/page", AllRoleFixture.WRITE_KEY, HttpJson.JSON.createObjectNode()
                .put("anonymousId", "a5").put("messageId", "m12").put("timestamp", fastNow.toString())
                .put("sentAt", fastNow.plusSeconds(1).toString())
                .set("properties", HttpJson.JSON.createObjectNode().put("url", "https://tax.app/")).toString()));

        awaitStoredEvents(11); // 10 of the day (bot excluded, duplicate once) + a5's
    }

    @AfterAll
    void stop() {
        if (all != null) {
            all.close();
        }
    }

    @Test
    void theTrackedSitesOriginMaySendEventsButNotCallTheDashboardApi() throws Exception {
        java.net.http.HttpClient client = java.net.http.HttpClient.newHttpClient();
        java.net.http.HttpResponse<String> me = client.send(java.net.http.HttpRequest.newBuilder(
                        java.net.URI.create("http://127.0.0.1:" + all.role.port("dashboard") + "/api/me"))
                .header("Origin", "https://tax.app").header("Authorization", "Bearer " + all.login()).build(),
                java.net.http.HttpResponse.BodyHandlers.ofString());
        java.net.http.HttpResponse<String> preflight = client.send(java.net.http.HttpRequest.newBuilder(
                        java.net.URI.create("http://127.0.0.1:" + all.role.port("collector") + "/v1/batch"))
                .header("Origin", "https://tax.app").header("Access-Control-Request-Method", "POST")
                .method("OPTIONS", java.net.http.HttpRequest.BodyPublishers.noBody()).build(),
                java.net.http.HttpResponse.BodyHandlers.ofString());

        assertThat(me.statusCode()).isEqualTo(403);
        assertThat(me.body()).contains("DASHBOARD_ALLOWED_ORIGINS");
        assertThat(preflight.statusCode()).isEqualTo(204);
        assertThat(preflight.headers().firstValue("Access-Control-Allow-Origin")).hasValue("https://tax.app");
    }

    @Test
    void overviewHasTheExactNumbersAndAnEmptyPreviousPeriod() {
        JsonNode overview = stats("/api/stats/overview?source=web&from=" + DAY + "&to=2026-11-03");
        assertThat(overview.get("visitors").asLong()).isEqualTo(4);
        assertThat(overview.get("pageviews").asLong()).isEqualTo(7);
        assertThat(overview.get("events").asLong()).isEqualTo(10);
        assertThat(overview.get("sessions").asLong()).isEqualTo(5);
        assertThat(overview.get("bounceRate").asDouble()).isEqualTo(0.4);
        assertThat(overview.get("avgSessionSeconds").asDouble()).isEqualTo(456.0);
        assertThat(overview.get("viewsPerSession").asDouble()).isEqualTo(1.4);
        assertThat(overview.get("previous").get("visitors").asLong()).isZero();
        assertThat(overview.get("previous").get("events").asLong()).isZero();
    }

    @Test
    void hourlyTimeseriesHasEveryHourWithSessionsInTheHourTheyStart() {
        JsonNode series = stats("/api/stats/timeseries?source=web&from=" + DAY + "&to=2026-11-03&interval=hour"
                + "&metrics=visitors,pageviews,events,sessions");
        assertThat(series.get("interval").asText()).isEqualTo("hour");
        JsonNode points = series.get("points");
        assertThat(points).hasSize(24);
        List<String> nonEmpty = new ArrayList<>();
        for (JsonNode point : points) {
            if (point.get("events").asLong() > 0) {
                nonEmpty.add(point.get("t").asText() + " v" + point.get("visitors").asLong() + " p" + point.get("pageviews").asLong()
                        + " e" + point.get("events").asLong() + " s" + point.get("sessions").asLong());
            }
        }
        assertThat(nonEmpty).containsExactly(
                "2026-11-02T10:00:00 v1 p3 e4 s2",
                "2026-11-02T12:00:00 v1 p2 e2 s1",
                "2026-11-02T15:00:00 v1 p1 e1 s1",
                "2026-11-02T18:00:00 v1 p1 e3 s1");
    }

    @Test
    void dailyTimeseriesFillsTheEmptyDayWithZeros() {
        JsonNode points = stats("/api/stats/timeseries?source=web&from=" + DAY + "&to=2026-11-04&interval=day&metrics=visitors,bounceRate")
                .get("points");
        assertThat(points).hasSize(2);
        assertThat(points.get(0).get("t").asText()).isEqualTo("2026-11-02T00:00:00");
        assertThat(points.get(0).get("visitors").asLong()).isEqualTo(4);
        assertThat(points.get(0).get("bounceRate").asDouble()).isEqualTo(0.4);
        assertThat(points.get(1).get("visitors").asLong()).isZero();
    }

    @Test
    void pageBreakdownCountsVisitorsAndViewsPerPath() {
        JsonNode rows = stats("/api/stats/breakdown?source=web&from=" + DAY + "&to=2026-11-03&dimension=page&metrics=visitors,pageviews")
                .get("rows");
        assertThat(rows).hasSize(3);
        assertRow(rows.get(0), "/pricing", 3, 3);
        assertRow(rows.get(1), "/", 2, 2);
        assertRow(rows.get(2), "/blog", 2, 2);
    }

    @Test
    void countryBreakdownComesFromGeoIpAndAFilterNarrowsTheOverview() {
        JsonNode rows = stats("/api/stats/breakdown?source=web&from=" + DAY + "&to=2026-11-03&dimension=country&metrics=visitors,events")
                .get("rows");
        assertThat(rows).hasSize(3);
        assertThat(rows.get(0).get("value").asText()).isEqualTo("KE");
        assertThat(rows.get(0).get("visitors").asLong()).isEqualTo(2);
        assertThat(rows.get(0).get("events").asLong()).isEqualTo(5);
        assertThat(rows.get(1).get("value").isNull()).as("u4 has no location").isTrue();
        assertThat(rows.get(1).get("events").asLong()).isEqualTo(3);
        assertThat(rows.get(2).get("value").asText()).isEqualTo("GB");

        JsonNode kenya = stats("/api/stats/overview?source=web&from=" + DAY + "&to=2026-11-03&filters=country%3D%3DKE");
        assertThat(kenya.get("visitors").asLong()).isEqualTo(2);
        assertThat(kenya.get("sessions").asLong()).isEqualTo(3);
    }

    @Test
    void theFastClockIsCorrectedToNowAndCountsAsRealtime() {
        assertThat(stats("/api/stats/realtime?source=web").get("visitors").asLong()).isEqualTo(1);
        Instant now = Instant.now();
        String lastMinutes = "&from=" + now.minus(Duration.ofMinutes(10)).truncatedTo(ChronoUnit.SECONDS)
                + "&to=" + now.plus(Duration.ofMinutes(1)).truncatedTo(ChronoUnit.SECONDS);
        assertThat(stats("/api/stats/overview?source=web" + lastMinutes.replace("+", "%2B")).get("visitors").asLong()).isEqualTo(1);
    }

    @Test
    void theConfiguredSourceIsListed() {
        JsonNode sources = all.dashboard.get("/api/sources", token).json();
        assertThat(sources.findValuesAsText("name")).contains("web");
    }

    @Test
    void metricsCarryTheNamesTheSeedsAlertsUse() {
        String metrics = all.collector.get("/metrics", null).body();
        assertThat(metrics)
                .contains("http_requests_total{method=\"POST\",role=\"all\",route=\"/v1/page\",status=\"200\"}")
                .contains("http_server_request_duration_seconds_bucket")
                .contains("analytics_events_accepted_total{role=\"all\",source=\"web\"}")
                .contains("analytics_batch_size_count")
                .contains("jvm_memory_used_bytes");
        assertThat(metrics.lines().filter(l -> l.startsWith("redis_stream_length{") || l.startsWith("analytics_processor_lag_seconds{")))
                .as("queue gauges report numbers").hasSize(2).noneMatch(l -> l.endsWith("NaN"));
    }

    /**
     * Identity stitching end to end (docs/STATS.md, "Identity"): on 2026-11-05, one person browses on a phone
     * and on a tablet and signs in on both; the processor stores the identify calls' links, and the dashboard
     * counts one visitor with two sessions.
     */
    @Test
    void onePersonSignedInOnTwoDevicesIsOneVisitor() throws Exception {
        String day = "2026-11-05";
        ArrayNode batch = HttpJson.JSON.createArrayNode();
        batch.add(onDay(day, "09:00:00", "p-phone", null, "p1").put("type", "page"));
        batch.add(onDay(day, "09:01:00", "p-phone", "p-user", "p2").put("type", "identify"));
        batch.add(onDay(day, "20:00:00", "p-tablet", null, "p3").put("type", "page"));
        batch.add(onDay(day, "20:01:00", "p-tablet", "p-user", "p4").put("type", "identify"));
        ObjectNode body = HttpJson.JSON.createObjectNode();
        body.set("batch", batch);
        assertAccepted(all.collector.postWithWriteKey("/v1/batch", AllRoleFixture.WRITE_KEY, body.toString()));

        String range = "/api/stats/overview?source=web&from=" + day + "&to=2026-11-06";
        Instant deadline = Instant.now().plus(Duration.ofSeconds(30));
        while (stats(range).get("events").asLong() < 4 && Instant.now().isBefore(deadline)) {
            Thread.sleep(100);
        }
        JsonNode overview = stats(range);
        assertThat(overview.get("events").asLong()).isEqualTo(4);
        assertThat(overview.get("sessions").asLong()).as("one per device").isEqualTo(2);
        assertThat(overview.get("visitors").asLong()).as("one person").isEqualTo(1);
    }

    private static ObjectNode onDay(String day, String time, String anonymousId, String userId, String messageId) {
        ObjectNode message = HttpJson.JSON.createObjectNode().put("messageId", messageId).put("timestamp", day + "T" + time + ".000Z")
                .put("anonymousId", anonymousId);
        if (userId != null) {
            message.put("userId", userId);
        }
        message.putObject("context").put("ip", "41.90.1.10").put("userAgent", CHROME);
        return message;
    }

    private void page(String anonymousId, String userId, String ip, String userAgent, String url, String referrer, String time,
                      String messageId) {
        ObjectNode message = message(anonymousId, userId, ip, userAgent, time, messageId);
        ObjectNode page = ((ObjectNode) message.get("context")).putObject("page").put("url", url);
        if (referrer != null) {
            page.put("referrer", referrer);
        }
        assertAccepted(all.collector.postWithWriteKey("/v1/page", AllRoleFixture.WRITE_KEY, message.toString()));
    }

    private static ObjectNode message(String anonymousId, String userId, String ip, String userAgent, String time, String messageId) {
        ObjectNode message = HttpJson.JSON.createObjectNode().put("messageId", messageId).put("timestamp", at(time));
        if (anonymousId != null) {
            message.put("anonymousId", anonymousId);
        }
        if (userId != null) {
            message.put("userId", userId);
        }
        message.putObject("context").put("ip", ip).put("userAgent", userAgent);
        return message;
    }

    private static String at(String time) {
        return DAY + "T" + time + ".000Z";
    }

    private static void assertAccepted(HttpJson.Response response) {
        assertThat(response.status()).as(response.body()).isEqualTo(200);
        assertThat(response.json().get("success").asBoolean()).isTrue();
    }

    private void awaitStoredEvents(long expected) throws InterruptedException {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(30));
        long seen = -1;
        while (Instant.now().isBefore(deadline)) {
            seen = stats("/api/stats/overview?source=web&from=2026-11-01&to=2027-01-01").get("events").asLong();
            if (seen >= expected) {
                return;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("the processor stored " + seen + " of " + expected + " countable events in 30 s");
    }

    private JsonNode stats(String pathAndQuery) {
        HttpJson.Response response = all.dashboard.get(pathAndQuery, token);
        assertThat(response.status()).as(pathAndQuery + " → " + response.body()).isEqualTo(200);
        return response.json();
    }

    private static void assertRow(JsonNode row, String value, long visitors, long pageviews) {
        assertThat(row.get("value").asText()).isEqualTo(value);
        assertThat(row.get("visitors").asLong()).isEqualTo(visitors);
        assertThat(row.get("pageviews").asLong()).isEqualTo(pageviews);
    }
}
