package app.tax.analytics.bootstrap.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import app.tax.analytics.bootstrap.RepositoryFiles;
import app.tax.analytics.testsupport.redis.RedisFixture;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Grafana dashboard and the Prometheus alerts query only metrics the roles export: {@code all} runs
 * in this JVM (with a GeoIP database), takes an accepted and a rejected event, stores them, and its {@code /metrics} must name
 * every metric of every expression in {@code deploy/grafana/} and {@code deploy/prometheus/}. A second {@code all} on a real
 * Redis adds the per-stream Redis gauges the queue alerts watch.
 */
class MonitoringFilesTest {
    private static final Path REPOSITORY = RepositoryFiles.root();
    private static final Path DASHBOARD = REPOSITORY.resolve("deploy/grafana/analytics-dashboard.json");
    private static final Path ALERTS = REPOSITORY.resolve("deploy/prometheus/alerts.yml");
    private static final Path RUNBOOK = REPOSITORY.resolve("docs/RUNBOOK.md");

    @TempDir
    static Path dataDir;
    private static Set<String> exported;

    @BeforeAll
    static void scrapeTheRoles() throws InterruptedException, IOException {
        Path geoIp = GeoFixture.write(Files.createDirectories(dataDir.resolve("geoip")));
        try (AllRoleFixture all = new AllRoleFixture(dataDir.resolve("data"), "--maxmind-db-path=" + geoIp)) {
            HttpJson.Response response = all.collector.postWithWriteKey("/v1/batch", AllRoleFixture.WRITE_KEY, """
                    {"batch": [
                      {"type": "track", "anonymousId": "visitor-1", "event": "Return Filed"},
                      {"type": "track", "anonymousId": "visitor-1"}]}""");
            assertThat(response.status()).as(response.body()).isEqualTo(200);
            assertThat(response.json().get("accepted").asInt()).isEqualTo(1);
            Instant deadline = Instant.now().plus(Duration.ofSeconds(20));
            while (!all.collector.get("/metrics", null).body().contains("analytics_batch_size_count{role=\"all\"} 1")) {
                assertThat(Instant.now()).as("the accepted event is stored").isBefore(deadline);
                Thread.sleep(50);
            }
            exported = new TreeSet<>();
            exported.addAll(metricNames(all.collector.get("/metrics", null).body()));
            exported.addAll(metricNames(all.dashboard.get("/metrics", null).body()));
        }
        String streamKey = "monitoring-" + UUID.randomUUID();
        try (AllRoleFixture onRedis = new AllRoleFixture(dataDir.resolve("data-redis"),
                "--redis-url=" + RedisFixture.shared().url(), "--redis-stream-key=" + streamKey)) {
            HttpJson.Response response = onRedis.collector.postWithWriteKey("/v1/track", AllRoleFixture.WRITE_KEY,
                    "{\"anonymousId\": \"visitor-2\", \"event\": \"Return Filed\"}");
            assertThat(response.status()).as(response.body()).isEqualTo(200);
            Instant deadline = Instant.now().plus(Duration.ofSeconds(20));
            String metrics = onRedis.collector.get("/metrics", null).body();
            while (!metrics.contains("redis_stream_lag{")) {
                assertThat(Instant.now()).as("the Redis stream gauges appear").isBefore(deadline);
                Thread.sleep(200);
                metrics = onRedis.collector.get("/metrics", null).body();
            }
            exported.addAll(metricNames(metrics));
        }
    }

    @Test
    void everyMetricTheDashboardAndTheAlertsQueryIsExported() throws IOException {
        Set<String> queried = new TreeSet<>();
        dashboardExpressions().forEach(expr -> queried.addAll(PromQl.metricNames(expr)));
        alerts().forEach(rule -> queried.addAll(PromQl.metricNames(rule.get("expr").asText())));

        assertThat(queried).contains("http_requests_total", "http_server_request_duration_seconds_bucket",
                "redis_stream_length", "redis_stream_lag", "redis_stream_pending", "analytics_processor_lag_seconds", "analytics_dead_letters_total",
                "analytics_events_rejected_total", "analytics_batch_size_sum", "analytics_store_insert_failures_total",
                "analytics_store_disk_usage_ratio", "analytics_geoip_database_build_timestamp_seconds", "jvm_memory_used_bytes");
        assertThat(exported).containsAll(queried);
    }

    @Test
    void theDashboardIsImportableWithTheDataSourceAsAVariable() throws IOException {
        JsonNode dashboard = new ObjectMapper().readTree(DASHBOARD.toFile());

        assertThat(dashboard.get("schemaVersion").asInt()).as("Grafana 10/11 schema").isGreaterThanOrEqualTo(38);
        assertThat(dashboard.get("uid").asText()).isNotBlank();
        assertThat(dashboard.at("/templating/list").findValuesAsText("type")).contains("datasource");
        List<String> titles = new ArrayList<>();
        for (JsonNode panel : dashboard.get("panels")) {
            titles.add(panel.get("title").asText());
            if (!panel.get("type").asText().equals("row")) {
                assertThat(panel.at("/datasource/uid").asText()).as(panel.get("title").asText()).isEqualTo("${datasource}");
                assertThat(panel.get("targets")).as(panel.get("title").asText()).isNotEmpty();
                panel.get("targets").forEach(target -> assertThat(target.at("/datasource/uid").asText()).isEqualTo("${datasource}"));
            }
        }
        assertThat(titles).contains("Request rate by endpoint", "Error rate by type", "Latency histogram (ingestion routes)",
                "Queue depth", "Database insert rate", "Processor lag", "Dead letters", "Rejected events by reason", "JVM heap");
    }

    @Test
    void everyAlertLinksToItsRunbookSection() throws IOException {
        Set<String> anchors = new TreeSet<>();
        for (String line : Files.readAllLines(RUNBOOK)) {
            if (line.startsWith("## ")) {
                anchors.add(githubAnchor(line.substring(3)));
            }
        }
        List<JsonNode> rules = alerts();
        assertThat(rules).isNotEmpty();
        for (JsonNode rule : rules) {
            String alert = rule.get("alert").asText();
            assertThat(rule.at("/annotations/runbook_url").asText()).as(alert)
                    .isEqualTo("docs/RUNBOOK.md#" + alert.toLowerCase(Locale.ROOT));
            assertThat(anchors).as("RUNBOOK.md has a section for " + alert).contains(alert.toLowerCase(Locale.ROOT));
        }
    }

    @Test
    void metricNamesOfAnExpressionLeaveOutFunctionsLabelsAndNumbers() {
        assertThat(PromQl.metricNames("histogram_quantile(0.95, sum by (le) (rate(a_bucket{route=~\"/v1/.*\"}[5m]))) > 1e3"
                + " unless on (instance) b_total / ignoring(status) group_left c offset 5m"))
                .containsExactly("a_bucket", "b_total", "c");
    }

    /** Names of the samples in a Prometheus text exposition. */
    private static Set<String> metricNames(String exposition) {
        Set<String> names = new TreeSet<>();
        exposition.lines().filter(line -> !line.isBlank() && !line.startsWith("#"))
                .forEach(line -> names.add(line.split("[{ ]", 2)[0]));
        return names;
    }

    private static List<String> dashboardExpressions() throws IOException {
        JsonNode dashboard = new ObjectMapper().readTree(DASHBOARD.toFile());
        List<String> expressions = new ArrayList<>(dashboard.findValuesAsText("expr"));
        for (JsonNode variable : dashboard.at("/templating/list")) {
            Matcher labelValues = Pattern.compile("label_values\\(\\s*([^,)]+)").matcher(variable.path("definition").asText());
            if (labelValues.find()) {
                expressions.add(labelValues.group(1));
            }
        }
        assertThat(expressions).hasSizeGreaterThan(10);
        return expressions;
    }

    private static List<JsonNode> alerts() throws IOException {
        JsonNode rules = new YAMLMapper().readTree(ALERTS.toFile());
        List<JsonNode> alerts = new ArrayList<>();
        rules.get("groups").forEach(group -> group.get("rules").forEach(alerts::add));
        return alerts;
    }

    /** GitHub's heading anchor: lower case, punctuation dropped, spaces to hyphens. */
    private static String githubAnchor(String heading) {
        return heading.trim().toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9 _-]", "").replace(' ', '-');
    }

    /** Metric names in a PromQL expression: identifiers that are neither functions, keywords nor labels. */
    static final class PromQl {
        private static final Set<String> KEYWORDS = Set.of("and", "or", "unless", "bool", "offset", "by", "without", "on",
                "ignoring", "group_left", "group_right", "inf", "nan");
        private static final Pattern TOKEN = Pattern.compile("\\b\\d[\\d.]*(?:e[+-]?\\d+)?(?:ms|[smhdwy])*\\b|([a-zA-Z_:][a-zA-Z0-9_:]*)(\\s*\\()?");

        static Set<String> metricNames(String expression) {
            String bare = expression
                    .replaceAll("\"(?:[^\"\\\\]|\\\\.)*\"", "\"\"")
                    .replaceAll("\\[[^]]*]", "")
                    .replaceAll("\\{[^}]*}", "")
                    .replaceAll("\\b(by|without|on|ignoring|group_left|group_right)\\s*\\([^)]*\\)", " ");
            Set<String> names = new TreeSet<>();
            Matcher token = TOKEN.matcher(bare);
            while (token.find()) {
                String identifier = token.group(1);
                if (identifier != null && token.group(2) == null && !KEYWORDS.contains(identifier.toLowerCase(Locale.ROOT))) {
                    names.add(identifier);
                }
            }
            return names;
        }
    }
}
