package app.tax.analytics.adapters.http;

import static app.tax.analytics.adapters.http.HttpTestClient.json;
import static org.assertj.core.api.Assertions.assertThat;

import app.tax.analytics.adapters.http.TestPorts.RecordingEventQueue;
import app.tax.analytics.application.port.out.PipelineMetrics;
import app.tax.analytics.application.port.out.RateLimiter;
import app.tax.analytics.application.service.CollectService;
import app.tax.analytics.domain.event.EventParser;
import app.tax.analytics.domain.source.WriteKeys;
import com.fasterxml.jackson.databind.JsonNode;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

/** {@code /health}, {@code /health/ready} and {@code /metrics} on the processor's server and the collector. */
class HealthAndMetricsHttpTest {

    @Test
    void healthSaysOkWhileTheProcessIsUp() {
        try (RunningServer server = HttpServers.healthAndMetrics(0, List.of(), registry())) {
            HttpResponse<String> response = new HttpTestClient(server).get("/health");

            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(type -> assertThat(type).startsWith("application/json"));
            assertThat(json(response).get("status").asText()).isEqualTo("ok");
        }
    }

    @Test
    void readinessIs200OnlyWhileEveryDependencyIsReady() {
        AtomicBoolean storeReady = new AtomicBoolean(true);
        List<Dependency> dependencies = List.of(new Dependency("queue", () -> true), new Dependency("store", storeReady::get));
        try (RunningServer server = HttpServers.healthAndMetrics(0, dependencies, registry())) {
            HttpTestClient http = new HttpTestClient(server);

            HttpResponse<String> ready = http.get("/health/ready");
            storeReady.set(false);
            HttpResponse<String> notReady = http.get("/health/ready");

            assertThat(ready.statusCode()).isEqualTo(200);
            assertThat(json(ready).get("status").asText()).isEqualTo("ok");
            assertThat(json(ready).get("dependencies").get("store").asBoolean()).isTrue();
            assertThat(notReady.statusCode()).isEqualTo(503);
            JsonNode body = json(notReady);
            assertThat(body.get("status").asText()).isEqualTo("unavailable");
            assertThat(body.get("dependencies").get("queue").asBoolean()).isTrue();
            assertThat(body.get("dependencies").get("store").asBoolean()).isFalse();
        }
    }

    @Test
    void aDependencyCheckThatThrowsCountsAsNotReady() {
        Dependency broken = new Dependency("redis", () -> {
            throw new IllegalStateException("connection refused");
        });
        try (RunningServer server = HttpServers.healthAndMetrics(0, List.of(broken), registry())) {
            HttpResponse<String> response = new HttpTestClient(server).get("/health/ready");

            assertThat(response.statusCode()).isEqualTo(503);
            assertThat(json(response).get("dependencies").get("redis").asBoolean()).isFalse();
        }
    }

    @Test
    void metricsCountRequestsByRouteTemplateNeverByRawPath() {
        PrometheusMeterRegistry registry = registry();
        try (RunningServer server = HttpServers.healthAndMetrics(0, List.of(), registry)) {
            HttpTestClient http = new HttpTestClient(server);
            http.get("/health");
            http.get("/health");
            HttpResponse<String> unknown = http.get("/no/such/path-12345");

            HttpResponse<String> metrics = http.get("/metrics");

            assertThat(unknown.statusCode()).isEqualTo(404);
            assertThat(json(unknown).get("error").asText()).isEqualTo("no such endpoint");
            assertThat(metrics.statusCode()).isEqualTo(200);
            assertThat(metrics.headers().firstValue("Content-Type")).hasValueSatisfying(type -> assertThat(type).startsWith("text/plain"));
            assertThat(metrics.body())
                    .contains("http_requests_total{method=\"GET\",route=\"/health\",status=\"200\"} 2")
                    .contains("http_requests_total{method=\"GET\",route=\"unmatched\",status=\"404\"} 1")
                    .contains("http_server_request_duration_seconds_bucket{method=\"GET\",route=\"/health\",le=\"0.005\"}")
                    .contains("http_server_request_duration_seconds_count{method=\"GET\",route=\"/health\"} 2")
                    .doesNotContain("path-12345");
        }
    }

    @Test
    void theCollectorCountsItsRoutesWithTheirStatusAndTheItemsItRefuses() {
        PrometheusMeterRegistry registry = registry();
        RecordingEventQueue queue = new RecordingEventQueue();
        PipelineMetrics rejections = new PipelineMetrics() {
            @Override
            public void eventsAccepted(String source, int count) {
            }

            @Override
            public void eventsRejected(String reason, int count) {
                registry.counter("analytics_events_rejected", "reason", reason).increment(count);
            }

            @Override
            public void batchWritten(int size, java.time.Duration insertLatency) {
            }

            @Override
            public void batchFailed(int size) {
            }

            @Override
            public void deadLettered(int count) {
            }
        };
        CollectService collect = new CollectService(WriteKeys.parse("web:" + CollectorHttpTest.WRITE_KEY), RateLimiter.UNLIMITED,
                queue, new EventParser(), rejections, Clock.systemUTC());
        try (RunningServer server = HttpServers.collector(0, new CorsPolicy(List.of()), new ProxyPolicy(false), collect,
                List.of(new Dependency("queue", queue::isReady)), registry)) {
            HttpTestClient http = new HttpTestClient(server);
            http.post("/v1/track", CollectorHttpTest.TRACK, "X-Write-Key", CollectorHttpTest.WRITE_KEY);
            http.post("/v1/track", CollectorHttpTest.TRACK);
            http.post("/v1/track", CollectorHttpTest.TRACK, "Origin", "https://elsewhere.example");
            http.post("/v1/batch", "{\"batch\":[1,2,{\"type\":\"page\",\"userId\":\"u\",\"properties\":{\"p\":\""
                    + "x".repeat(40_000) + "\"}}]}", "X-Write-Key", CollectorHttpTest.WRITE_KEY);
            http.post("/v1/batch", "{\"batch\":[", "X-Write-Key", CollectorHttpTest.WRITE_KEY);
            http.post("/v1/track", "not json", "X-Write-Key", CollectorHttpTest.WRITE_KEY);

            String metrics = http.get("/metrics").body();

            assertThat(metrics)
                    .contains("http_requests_total{method=\"POST\",route=\"/v1/track\",status=\"200\"} 1")
                    .contains("http_requests_total{method=\"POST\",route=\"/v1/track\",status=\"401\"} 1")
                    .contains("http_requests_total{method=\"POST\",route=\"/v1/track\",status=\"403\"} 1")
                    .contains("http_server_request_duration_seconds_count{method=\"POST\",route=\"/v1/track\"} 4")
                    .contains("http_requests_total{method=\"POST\",route=\"/v1/batch\",status=\"400\"} 2")
                    .contains("analytics_events_rejected_total{reason=\"not_an_object\"} 2")
                    .contains("analytics_events_rejected_total{reason=\"too_large\"} 1")
                    .contains("analytics_events_rejected_total{reason=\"malformed\"} 2")
                    .contains("analytics_events_rejected_total{reason=\"unauthorized\"} 1");
            assertThat(http.get("/health/ready").statusCode()).isEqualTo(200);
        }
    }

    @Test
    void theProcessorServerHasNoApiRoutes() {
        try (RunningServer server = HttpServers.healthAndMetrics(0, List.of(), registry())) {
            HttpResponse<String> response = new HttpTestClient(server).post("/v1/track", CollectorHttpTest.TRACK);

            assertThat(response.statusCode()).isEqualTo(404);
            assertThat(response.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
        }
    }

    @Test
    void aClosedServerFreesItsPort() {
        RunningServer server = HttpServers.healthAndMetrics(0, List.of(), registry());
        int port = server.port();
        server.close();

        try (RunningServer again = HttpServers.healthAndMetrics(port, List.of(), registry())) {
            assertThat(again.port()).isEqualTo(port);
            assertThat(new HttpTestClient(again).get("/health").statusCode()).isEqualTo(200);
        }
    }

    private static PrometheusMeterRegistry registry() {
        return new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    }
}
