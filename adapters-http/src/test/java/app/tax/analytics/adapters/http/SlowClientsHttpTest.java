package app.tax.analytics.adapters.http;

import static org.assertj.core.api.Assertions.assertThat;

import app.tax.analytics.adapters.http.TestPorts.FixedStatsReader;
import app.tax.analytics.adapters.http.TestPorts.InMemoryUserStore;
import app.tax.analytics.adapters.http.TestPorts.RecordingEraser;
import app.tax.analytics.adapters.http.TestPorts.RecordingEventQueue;
import app.tax.analytics.application.port.out.PipelineMetrics;
import app.tax.analytics.application.port.out.RateLimiter;
import app.tax.analytics.application.service.AuthenticationService;
import app.tax.analytics.application.service.CollectService;
import app.tax.analytics.application.service.PasswordHasher;
import app.tax.analytics.application.service.StatsService;
import app.tax.analytics.application.service.UserService;
import app.tax.analytics.domain.event.EventParser;
import app.tax.analytics.domain.source.WriteKeys;
import app.tax.analytics.domain.user.Role;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Slow-body clients (issue 10, 1): many connections that declare a body and then trickle it must hold no
 * request thread, so that health checks and sign-ins keep answering at once; a body that does not arrive in
 * time is answered 408 and its connection closed.
 */
class SlowClientsHttpTest {
    /** More than Jetty's default 250 threads: the number that took both servers down before. */
    static final int SLOW_CONNECTIONS = 260;
    static final String WRITE_KEY = "web-write-key-1";
    static final String ADMIN = "admin@tax.app";
    static final String PASSWORD = "correct horse battery staple";

    final RecordingEventQueue queue = new RecordingEventQueue();
    RunningServer collector;
    RunningServer dashboard;
    final List<Socket> slow = new ArrayList<>();

    @BeforeEach
    void start() {
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        CollectService collect = new CollectService(WriteKeys.parse("web:" + WRITE_KEY), RateLimiter.UNLIMITED,
                queue, new EventParser(), PipelineMetrics.NONE, Clock.systemUTC());
        collector = HttpServers.collector(0, new CorsPolicy(List.of()), new ProxyPolicy(false), collect, List.of(), registry);
        InMemoryUserStore users = new InMemoryUserStore();
        PasswordHasher hasher = new PasswordHasher(1000);
        UserService userService = new UserService(users, hasher, Clock.systemUTC());
        userService.add(ADMIN, PASSWORD, Role.ADMIN, Set.of());
        AuthenticationService auth = new AuthenticationService(users, hasher,
                JwtTokens.hs256("a-test-secret-that-is-32-bytes-long!".getBytes(StandardCharsets.UTF_8)), Duration.ofHours(1),
                Clock.systemUTC());
        dashboard = HttpServers.dashboard(0, new CorsPolicy(List.of()), new ProxyPolicy(false),
                new StatsService(new FixedStatsReader(), WriteKeys.parse("web:" + WRITE_KEY), Clock.systemUTC()), auth,
                userService, new RecordingEraser(), List.of(), registry);
    }

    @AfterEach
    void stop() {
        for (Socket socket : slow) {
            try {
                socket.close();
            } catch (IOException ignored) {
                // already closed by the server
            }
        }
        collector.close();
        dashboard.close();
    }

    @Test
    void slowBodiesOnBothServersLeaveHealthAndSignInAnswering() throws Exception {
        for (int i = 0; i < SLOW_CONNECTIONS; i++) {
            slow.add(startSlowBody(collector, "/v1/batch", "X-Write-Key: " + WRITE_KEY + "\r\n"));
            slow.add(startSlowBody(dashboard, "/api/auth/login", ""));
        }
        // let the servers take every connection in before asking anything
        Thread.sleep(500);

        HttpTestClient collectorClient = new HttpTestClient(collector);
        HttpTestClient dashboardClient = new HttpTestClient(dashboard);
        long started = System.nanoTime();
        HttpResponse<String> health = collectorClient.get("/health");
        HttpResponse<String> batch = collectorClient.post("/v1/track", "{\"userId\":\"u1\",\"event\":\"Signed Up\"}",
                "X-Write-Key", WRITE_KEY);
        HttpResponse<String> login = dashboardClient.post("/api/auth/login",
                "{\"email\":\"" + ADMIN + "\",\"password\":\"" + PASSWORD + "\"}");
        Duration took = Duration.ofNanos(System.nanoTime() - started);

        assertThat(health.statusCode()).isEqualTo(200);
        assertThat(batch.statusCode()).isEqualTo(200);
        assertThat(login.statusCode()).isEqualTo(200);
        assertThat(took).isLessThan(Duration.ofSeconds(3));
    }

    @Test
    void aBodyThatDoesNotArriveInTimeIs408AndTheConnectionIsClosed() throws Exception {
        Socket socket = slowBatchAwaitingItsAnswer();
        long started = System.nanoTime();

        String answer = new String(socket.getInputStream().readAllBytes(), StandardCharsets.ISO_8859_1);

        assertThat(answer).startsWith("HTTP/1.1 408");
        assertThat(answer).contains("\"success\":false");
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(ServerLimits.BODY_DEADLINE.plusSeconds(5));
    }

    @Test
    void aBodyTricklingBelowTheMinimumDataRateIs408BeforeTheDeadline() throws Exception {
        Socket socket = slowBatchAwaitingItsAnswer();
        long started = System.nanoTime();
        Thread.sleep(1_500);
        // 2 bytes in 1.5 s, far below 1,024 per second: Jetty refuses at this read
        socket.getOutputStream().write('[');
        socket.getOutputStream().flush();

        String answer = new String(socket.getInputStream().readAllBytes(), StandardCharsets.ISO_8859_1);

        assertThat(answer).startsWith("HTTP/1.1 408").contains("\"success\":false", "less than 1024 bytes per second");
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(ServerLimits.BODY_DEADLINE);
    }

    /** A body whose rest comes some time after its first bytes is read as it arrives and taken whole. */
    @Test
    void aBodyWhoseRestArrivesLaterWithinTheDeadlineIsReadWhole() throws Exception {
        // 4 KB: its rest keeps the whole above Jetty's minimum data rate however late this machine reads it
        byte[] body = ("{\"userId\":\"u1\",\"event\":\"Signed Up\",\"properties\":{\"plan\":\"premium\",\"note\":\""
                + "x".repeat(4000) + "\"}}").getBytes(StandardCharsets.UTF_8);
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", collector.port()), 5_000);
            socket.setTcpNoDelay(true);
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            out.write(("POST /v1/track HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nX-Write-Key: "
                    + WRITE_KEY + "\r\nContent-Length: " + body.length + "\r\nConnection: close\r\n\r\n")
                    .getBytes(StandardCharsets.ISO_8859_1));
            out.write(body, 0, 20);
            out.flush();
            Thread.sleep(200);
            out.write(body, 20, body.length - 20);
            out.flush();

            String answer = new String(socket.getInputStream().readAllBytes(), StandardCharsets.ISO_8859_1);

            assertThat(answer).startsWith("HTTP/1.1 200");
        }
        assertThat(queue.published()).singleElement()
                .satisfies(event -> assertThat(event.properties()).containsEntry("plan", "premium"));
    }

    @Test
    void anUnknownWriteKeyInAHeaderIsRefusedWithoutWaitingForTheBody() throws Exception {
        Socket socket = startSlowBody(collector, "/v1/batch", "X-Write-Key: not-a-key\r\n");
        slow.add(socket);
        socket.setSoTimeout(5_000);

        String answer = new String(readHead(socket.getInputStream()), StandardCharsets.ISO_8859_1);

        assertThat(answer).startsWith("HTTP/1.1 401");
    }

    /** A slow batch to the collector, closed after the test, whose answer may be read until well past the deadline. */
    private Socket slowBatchAwaitingItsAnswer() throws IOException {
        Socket socket = startSlowBody(collector, "/v1/batch", "X-Write-Key: " + WRITE_KEY + "\r\n");
        slow.add(socket);
        socket.setSoTimeout((int) (ServerLimits.BODY_DEADLINE.toMillis() + 10_000));
        return socket;
    }

    /** Sends the head of a POST declaring 1000 bytes, and one byte of them. */
    static Socket startSlowBody(RunningServer server, String path, String extraHeaders) throws IOException {
        Socket socket = new Socket();
        socket.connect(new InetSocketAddress("127.0.0.1", server.port()), 5_000);
        OutputStream out = socket.getOutputStream();
        out.write(("POST " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n" + extraHeaders
                + "Content-Length: 1000\r\n\r\n{").getBytes(StandardCharsets.ISO_8859_1));
        out.flush();
        return socket;
    }

    /** The status line and headers of an answer. */
    static byte[] readHead(InputStream in) throws IOException {
        java.io.ByteArrayOutputStream head = new java.io.ByteArrayOutputStream();
        int matched = 0;
        byte[] end = {'\r', '\n', '\r', '\n'};
        for (int b = in.read(); b >= 0; b = in.read()) {
            head.write(b);
            matched = b == end[matched] ? matched + 1 : (b == '\r' ? 1 : 0);
            if (matched == end.length) {
                break;
            }
        }
        return head.toByteArray();
    }
}
