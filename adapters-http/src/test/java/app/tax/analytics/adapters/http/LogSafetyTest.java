package app.tax.analytics.adapters.http;

import static org.assertj.core.api.Assertions.assertThat;

import app.tax.analytics.adapters.http.TestPorts.FixedStatsReader;
import app.tax.analytics.adapters.http.TestPorts.InMemoryUserStore;
import app.tax.analytics.adapters.http.TestPorts.RecordingEventQueue;
import app.tax.analytics.application.port.out.PipelineMetrics;
import app.tax.analytics.application.port.out.RateLimiter;
import app.tax.analytics.application.service.ApiKeyService;
import app.tax.analytics.application.service.AuthenticationService;
import app.tax.analytics.application.service.ShareService;
import app.tax.analytics.application.service.CollectService;
import app.tax.analytics.application.service.PasswordHasher;
import app.tax.analytics.application.service.StatsService;
import app.tax.analytics.application.service.UserService;
import app.tax.analytics.domain.event.EventParser;
import app.tax.analytics.domain.source.WriteKeys;
import app.tax.analytics.domain.user.Role;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.Set;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.Test;

/**
 * Runs requests that carry secrets, including failing ones that log, and checks that nothing logged
 * (System.Logger through java.util.logging, SLF4J from Javalin and Jetty on stderr) repeats them.
 */
class LogSafetyTest {
    static final String WRITE_KEY = "secret-write-key-4711";
    static final String PASSWORD = "a very secret passphrase";
    static final String CLIENT_IP = "203.0.113.77";

    @Test
    void writeKeysPasswordsTokensAndClientIpsNeverReachTheLogs() {
        StringBuilder logged = new StringBuilder();
        Handler capture = new Handler() {
            @Override
            public void publish(LogRecord record) {
                logged.append(record.getMessage()).append(' ').append(java.util.Arrays.toString(record.getParameters()))
                        .append(' ').append(record.getThrown()).append('\n');
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        Logger root = Logger.getLogger("");
        Level previousLevel = root.getLevel();
        root.setLevel(Level.ALL);
        root.addHandler(capture);
        PrintStream previousErr = System.err;
        ByteArrayOutputStream stderr = new ByteArrayOutputStream();
        System.setErr(new PrintStream(stderr, true, StandardCharsets.UTF_8));
        List<String> secrets;
        try {
            secrets = exerciseBothServers();
        } finally {
            System.setErr(previousErr);
            root.removeHandler(capture);
            root.setLevel(previousLevel);
        }

        String everything = logged + stderr.toString(StandardCharsets.UTF_8);
        assertThat(everything).contains("queue unavailable");
        assertThat(everything).contains("sign-in failed: admin@tax.app from 203.0.113.0")
                .contains("sign-in: admin@tax.app from 203.0.113.0").contains("account added as admin: admin@tax.app");
        assertThat(everything).doesNotContain(WRITE_KEY).doesNotContain(PASSWORD).doesNotContain(CLIENT_IP);
        assertThat(everything).contains("API key created").contains("share created (with a password): web");
        // the test's own HTTP client, at Level.ALL, prints the URLs it calls (a share's id is in its URL) to stderr
        String serverSide = everything.lines()
                .filter(line -> !CLIENT_DEBUG_LINE.matcher(line).lookingAt() && !line.contains("http://127.0.0.1:"))
                .collect(Collectors.joining("\n"));
        assertThat(secrets).hasSize(4).allSatisfy(secret -> {
            assertThat(secret).isNotBlank();
            assertThat(serverSide).doesNotContain(secret);
        });
    }

    /** How the JDK's HttpClient starts its debug lines: thread, then time since start, e.g. {@code [main] [2s 889ms] }. */
    private static final Pattern CLIENT_DEBUG_LINE = Pattern.compile("\\[[^\\]]+] \\[\\d+s \\d+ms] ");

    /** @return the secrets it used: a sign-in token, an API key, a share's id and its password */
    private static List<String> exerciseBothServers() {
        RecordingEventQueue queue = new RecordingEventQueue();
        CollectService collect = new CollectService(WriteKeys.parse("web:" + WRITE_KEY), RateLimiter.UNLIMITED, queue,
                new EventParser(), PipelineMetrics.NONE, Clock.systemUTC());
        InMemoryUserStore users = new InMemoryUserStore();
        PasswordHasher hasher = new PasswordHasher(1000);
        UserService userService = new UserService(users, hasher, Clock.systemUTC());
        userService.add("admin@tax.app", PASSWORD, Role.ADMIN, Set.of());
        AuthenticationService auth = new AuthenticationService(users, hasher, JwtTokens.hs256(DashboardHttpTest.SECRET),
                Duration.ofHours(1), Clock.systemUTC());
        StatsService stats = new StatsService(new FixedStatsReader(), WriteKeys.parse("web:" + WRITE_KEY), Clock.systemUTC());
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        ShareService shares = new ShareService(new TestPorts.InMemoryShareStore(), hasher, JwtTokens.hs256(DashboardHttpTest.SECRET),
                Clock.systemUTC());
        try (RunningServer collector = HttpServers.collector(0, new CorsPolicy(List.of()), new ProxyPolicy(true), collect, List.of(), registry);
             RunningServer dashboard = HttpServers.dashboard(0, new CorsPolicy(List.of()), new ProxyPolicy(true), stats, auth, userService,
                     new TestPorts.RecordingEraser(), new Sharing(new ApiKeyService(new TestPorts.InMemoryApiKeyStore(), Clock.systemUTC()),
                             shares, shares), List.of(), registry, true)) {
            HttpTestClient collectorHttp = new HttpTestClient(collector);
            HttpTestClient dashboardHttp = new HttpTestClient(dashboard);
            collectorHttp.post("/v1/track", CollectorHttpTest.TRACK, "X-Write-Key", WRITE_KEY, "X-Forwarded-For", CLIENT_IP);
            collectorHttp.post("/v1/track", "{broken", "X-Write-Key", WRITE_KEY, "X-Forwarded-For", CLIENT_IP);
            queue.setUnavailable(true);
            collectorHttp.post("/v1/track", CollectorHttpTest.TRACK, "X-Write-Key", WRITE_KEY, "X-Forwarded-For", CLIENT_IP);
            collectorHttp.post("/v1/track", CollectorHttpTest.TRACK, "X-Write-Key", WRITE_KEY + "-wrong", "X-Forwarded-For", CLIENT_IP);

            dashboardHttp.post("/api/auth/login", "{\"email\":\"admin@tax.app\",\"password\":\"" + PASSWORD + "-wrong\"}",
                    "X-Forwarded-For", CLIENT_IP);
            String token = HttpTestClient.json(dashboardHttp.post("/api/auth/login",
                    "{\"email\":\"admin@tax.app\",\"password\":\"" + PASSWORD + "\"}", "X-Forwarded-For", CLIENT_IP)).get("token").asText();
            dashboardHttp.get("/api/sources", "Authorization", "Bearer " + token, "X-Forwarded-For", CLIENT_IP);
            dashboardHttp.get("/api/sources", "Authorization", "Bearer " + token + "x", "X-Forwarded-For", CLIENT_IP);

            String admin = "Bearer " + token;
            String key = HttpTestClient.json(dashboardHttp.post("/api/keys", "{\"name\":\"export\",\"sources\":[\"web\"]}",
                    "Authorization", admin)).get("key").asText();
            dashboardHttp.get("/api/stats/overview?source=web&from=2026-11-28&to=2026-11-30", "Authorization", "Bearer " + key);
            dashboardHttp.get("/api/stats/overview?source=web&from=2026-11-28&to=2026-11-30", "Authorization", "Bearer " + key + "x");
            String sharePassword = "the share password " + CLIENT_IP.hashCode();
            String share = HttpTestClient.json(dashboardHttp.post("/api/shares",
                    "{\"source\":\"web\",\"password\":\"" + sharePassword + "\"}", "Authorization", admin)).get("id").asText();
            dashboardHttp.post("/api/share/" + share + "/unlock", "{\"password\":\"wrong " + sharePassword + "\"}",
                    "X-Forwarded-For", CLIENT_IP);
            dashboardHttp.post("/api/share/" + share + "/unlock", "{\"password\":\"" + sharePassword + "\"}",
                    "X-Forwarded-For", CLIENT_IP);
            dashboardHttp.get("/share/" + share);
            return List.of(token, key, share, sharePassword);
        }
    }
}
