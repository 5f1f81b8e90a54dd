package app.tax.analytics.adapters.http;

import static app.tax.analytics.adapters.http.HttpTestClient.json;
import static org.assertj.core.api.Assertions.assertThat;

import app.tax.analytics.adapters.http.TestPorts.FixedStatsReader;
import app.tax.analytics.adapters.http.TestPorts.InMemoryUserStore;
import app.tax.analytics.adapters.http.TestPorts.RecordingEraser;
import app.tax.analytics.application.service.AuthenticationService;
import app.tax.analytics.application.service.PasswordHasher;
import app.tax.analytics.application.service.StatsService;
import app.tax.analytics.application.service.UserService;
import app.tax.analytics.domain.source.WriteKeys;
import app.tax.analytics.domain.user.Role;
import com.fasterxml.jackson.databind.JsonNode;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.net.Socket;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The dashboard API over real HTTP, against the real authentication, user and stats services. */
class DashboardHttpTest {
    static final byte[] SECRET = "a-test-secret-that-is-32-bytes-long!".getBytes(StandardCharsets.UTF_8);
    static final String ADMIN = "admin@tax.app";
    static final String VIEWER = "viewer@tax.app";
    static final String PASSWORD = "correct horse battery staple";
    static final String ALLOWED_ORIGIN = "https://dashboard.tax.app";
    static final String RANGE = "source=web&from=2026-11-28&to=2026-11-30";

    FixedStatsReader reader;
    RecordingEraser eraser;
    InMemoryUserStore users;
    RunningServer server;
    HttpTestClient http;

    @BeforeEach
    void start() {
        Clock clock = Clock.systemUTC();
        PasswordHasher hasher = new PasswordHasher(1000);
        users = new InMemoryUserStore();
        UserService userService = new UserService(users, hasher, clock);
        userService.add(ADMIN, PASSWORD, Role.ADMIN, Set.of());
        userService.add(VIEWER, PASSWORD, Role.VIEWER, Set.of("web"));
        AuthenticationService auth = new AuthenticationService(users, hasher, JwtTokens.hs256(SECRET), Duration.ofHours(8), clock);
        reader = new FixedStatsReader();
        StatsService stats = new StatsService(reader, WriteKeys.parse("web:web-write-key-1,app:app-write-key-1"), clock);
        eraser = new RecordingEraser();
        server = HttpServers.dashboard(0, new CorsPolicy(List.of(ALLOWED_ORIGIN)), new ProxyPolicy(false), stats, auth,
                userService, eraser, List.of(), new PrometheusMeterRegistry(PrometheusConfig.DEFAULT));
        http = new HttpTestClient(server);
    }

    @AfterEach
    void stop() {
        server.close();
    }

    HttpResponse<String> login(String email, String password) {
        return http.post("/api/auth/login", "{\"email\":\"" + email + "\",\"password\":\"" + password + "\"}");
    }

    String token(String email) {
        HttpResponse<String> response = login(email, PASSWORD);
        assertThat(response.statusCode()).isEqualTo(200);
        return json(response).get("token").asText();
    }

    HttpResponse<String> get(String path, String email) {
        return http.get(path, "Authorization", "Bearer " + token(email));
    }

    // --- login and tokens

    @Test
    void loginGivesATokenThatOpensTheApi() {
        HttpResponse<String> response = login(ADMIN, PASSWORD);

        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode body = json(response);
        assertThat(Instant.parse(body.get("expiresAt").asText()))
                .isBetween(Instant.now().plus(Duration.ofHours(7)), Instant.now().plus(Duration.ofHours(9)));
        HttpResponse<String> sources = http.get("/api/sources", "Authorization", "Bearer " + body.get("token").asText());
        assertThat(sources.statusCode()).isEqualTo(200);
        assertThat(sources.body()).isEqualTo("[{\"id\":\"web\",\"name\":\"web\"},{\"id\":\"app\",\"name\":\"app\"}]");
    }

    @Test
    void aWrongPasswordAndAnUnknownAccountAreTheSame401() {
        HttpResponse<String> wrongPassword = login(ADMIN, "not the password at all");
        HttpResponse<String> unknownAccount = login("nobody@tax.app", PASSWORD);

        assertThat(wrongPassword.statusCode()).isEqualTo(401);
        assertThat(unknownAccount.statusCode()).isEqualTo(401);
        assertThat(wrongPassword.body()).isEqualTo(unknownAccount.body()).contains("wrong e-mail or password");
    }

    @Test
    void repeatedFailuresAre429WithRetryAfterEvenForTheRightPassword() {
        for (int i = 0; i < 5; i++) {
            assertThat(login(VIEWER, "guess number " + i).statusCode()).isEqualTo(401);
        }

        HttpResponse<String> throttled = login(VIEWER, PASSWORD);

        assertThat(throttled.statusCode()).isEqualTo(429);
        assertThat(throttled.headers().firstValue("Retry-After")).hasValueSatisfying(seconds ->
                assertThat(Long.parseLong(seconds)).isBetween(1L, 15 * 60L));
        assertThat(json(throttled).get("error").asText()).contains("too many");
    }

    @Test
    void aLoginBodyThatIsNotTheExpectedJsonIs400() {
        HttpResponse<String> malformed = http.post("/api/auth/login", "{\"email\":");
        HttpResponse<String> noPassword = http.post("/api/auth/login", "{\"email\":\"" + ADMIN + "\"}");
        HttpResponse<String> notAnObject = http.post("/api/auth/login", "[\"" + ADMIN + "\"]");
        HttpResponse<String> numberPassword = http.post("/api/auth/login", "{\"email\":\"" + ADMIN + "\",\"password\":123}");

        assertThat(malformed.statusCode()).isEqualTo(400);
        assertThat(json(malformed).get("error").asText()).startsWith("malformed JSON at line 1, column ");
        assertThat(noPassword.statusCode()).isEqualTo(400);
        assertThat(json(noPassword).get("error").asText()).isEqualTo("password: is required (a string)");
        assertThat(notAnObject.statusCode()).isEqualTo(400);
        assertThat(numberPassword.statusCode()).isEqualTo(400);
    }

    @Test
    void anOversizedLoginBodyIs413() {
        HttpResponse<String> response = http.post("/api/auth/login", "{\"email\":\"" + "e".repeat(20_000) + "\"}");

        assertThat(response.statusCode()).isEqualTo(413);
    }

    @Test
    void withoutATokenEveryApiIs401() {
        for (String path : List.of("/api/sources", "/api/stats/overview?" + RANGE, "/api/stats/realtime?source=web")) {
            HttpResponse<String> response = http.get(path);

            assertThat(response.statusCode()).as(path).isEqualTo(401);
            assertThat(response.headers().firstValue("WWW-Authenticate")).as(path).hasValue("Bearer");
            assertThat(json(response).get("error").asText()).as(path).contains("Bearer");
        }
    }

    @Test
    void aTokenThatIsNotOursOrNoLongerValidIs401() {
        Instant past = Instant.now().minus(Duration.ofHours(2));
        String expired = JwtTokens.hs256(SECRET, Clock.fixed(past, ZoneOffset.UTC)).issue(ADMIN, "admin", 0, past.plusSeconds(60));
        String foreign = JwtTokens.hs256("another-secret-another-secret-another".getBytes(StandardCharsets.UTF_8))
                .issue(ADMIN, "admin", 0, Instant.now().plusSeconds(3600));
        String ofRemovedUser = token(VIEWER);
        users.remove(VIEWER);

        for (String token : List.of("garbage", expired, foreign, ofRemovedUser, "x".repeat(5_000))) {
            HttpResponse<String> response = http.get("/api/sources", "Authorization", "Bearer " + token);

            assertThat(response.statusCode()).isEqualTo(401);
            assertThat(json(response).get("error").asText()).contains("invalid or expired");
        }
    }

    @Test
    void aChangedPasswordReplacesTheOldOne() {
        String token = token(ADMIN);
        HttpResponse<String> wrongCurrent = http.post("/api/auth/password",
                "{\"currentPassword\":\"not it at all\",\"newPassword\":\"a brand new passphrase\"}", "Authorization", "Bearer " + token);
        HttpResponse<String> tooShort = http.post("/api/auth/password",
                "{\"currentPassword\":\"" + PASSWORD + "\",\"newPassword\":\"short\"}", "Authorization", "Bearer " + token);
        HttpResponse<String> changed = http.post("/api/auth/password",
                "{\"currentPassword\":\"" + PASSWORD + "\",\"newPassword\":\"a brand new passphrase\"}", "Authorization", "Bearer " + token);

        assertThat(wrongCurrent.statusCode()).isEqualTo(400);
        assertThat(json(wrongCurrent).get("error").asText()).isEqualTo("current password is wrong");
        assertThat(tooShort.statusCode()).isEqualTo(400);
        assertThat(json(tooShort).get("error").asText()).contains("at least");
        assertThat(changed.statusCode()).isEqualTo(204);
        assertThat(login(ADMIN, PASSWORD).statusCode()).isEqualTo(401);
        assertThat(login(ADMIN, "a brand new passphrase").statusCode()).isEqualTo(200);
    }

    @Test
    void parallelWrongPasswordsCannotOutrunTheThrottle() throws Exception {
        List<java.util.concurrent.CompletableFuture<HttpResponse<String>>> attempts = new java.util.ArrayList<>();
        for (int i = 0; i < 30; i++) {
            String guess = "parallel guess " + i;
            attempts.add(java.util.concurrent.CompletableFuture.supplyAsync(() -> login(ADMIN, guess)));
        }

        List<Integer> statuses = attempts.stream().map(java.util.concurrent.CompletableFuture::join)
                .map(HttpResponse::statusCode).toList();

        assertThat(statuses).filteredOn(status -> status == 401).hasSize(5);
        assertThat(statuses).filteredOn(status -> status == 429).hasSize(25);
    }

    @Test
    void aPasswordChangeRevokesTheTokensIssuedBefore() {
        String before = token(ADMIN);
        String other = token(ADMIN);

        HttpResponse<String> changed = http.post("/api/auth/password",
                "{\"currentPassword\":\"" + PASSWORD + "\",\"newPassword\":\"a brand new passphrase\"}", "Authorization", "Bearer " + before);

        assertThat(changed.statusCode()).isEqualTo(204);
        for (String token : List.of(before, other)) {
            assertThat(http.get("/api/me", "Authorization", "Bearer " + token).statusCode()).isEqualTo(401);
        }
        String after = json(login(ADMIN, "a brand new passphrase")).get("token").asText();
        assertThat(http.get("/api/me", "Authorization", "Bearer " + after).statusCode()).isEqualTo(200);
    }

    @Test
    void aRecreatedAccountDoesNotInheritTheTokensOfTheRemovedOne() {
        String ofViewer = token(VIEWER);
        String admin = "Bearer " + token(ADMIN);
        assertThat(http.delete("/api/users/" + VIEWER, "Authorization", admin).statusCode()).isEqualTo(204);
        HttpResponse<String> recreated = http.post("/api/users",
                "{\"email\":\"" + VIEWER + "\",\"password\":\"" + PASSWORD + "\",\"role\":\"admin\"}", "Authorization", admin);
        assertThat(recreated.statusCode()).isEqualTo(201);

        assertThat(http.get("/api/users", "Authorization", "Bearer " + ofViewer).statusCode()).isEqualTo(401);
    }

    @Test
    void wrongCurrentPasswordsOnAPasswordChangeAreThrottled() {
        String token = token(ADMIN);
        for (int i = 0; i < 5; i++) {
            assertThat(http.post("/api/auth/password", "{\"currentPassword\":\"guess " + i + "\",\"newPassword\":\"a brand new passphrase\"}",
                    "Authorization", "Bearer " + token).statusCode()).isEqualTo(400);
        }

        HttpResponse<String> throttled = http.post("/api/auth/password",
                "{\"currentPassword\":\"" + PASSWORD + "\",\"newPassword\":\"a brand new passphrase\"}", "Authorization", "Bearer " + token);

        assertThat(throttled.statusCode()).isEqualTo(429);
        assertThat(throttled.headers().firstValue("Retry-After")).isPresent();
    }

    // --- stats

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "/api/stats/overview?source=web&from=%2B300000-01-01T00:00:00Z&to=%2B300000-01-02T00:00:00Z | from",
            "/api/stats/overview?source=web&from=%2B300000-01-01&to=%2B300000-01-02 | from",
            "/api/stats/overview?source=web&from=%2B999999999-12-30T00:00:00Z&to=%2B999999999-12-31T00:00:00Z | from",
            "/api/stats/overview?source=web&from=-999999999-01-01T00:00:00Z&to=-999999999-01-02T00:00:00Z | from",
            "/api/stats/overview?source=web&from=2026-11-28&to=%2B999999999-12-31T23:59:59Z | to",
            "/api/stats/timeseries?source=web&from=%2B999999999-12-30T00:00:00Z&to=%2B999999999-12-31T00:00:00Z&interval=hour | from",
            "/api/stats/timeseries?source=web&from=2026-11-28&to=2026-11-30&tz=%2B18:00&interval=hour&compare=previous | ",
            "/api/stats/breakdown?source=web&from=2026-11-28&to=2026-11-30&dimension=page&limit=99999999999 | limit"})
    void extremeDatesAndNumbersAre400sNamingTheParameter(String path, String parameter) {
        HttpResponse<String> response = get(path, ADMIN);

        if (parameter == null) {
            assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        } else {
            assertThat(response.statusCode()).as(response.body()).isEqualTo(400);
            assertThat(json(response).get("error").asText()).startsWith(parameter + ": ");
        }
    }

    @ParameterizedTest
    @CsvSource({"9223372036854775807", "-9223372036854775808", "99999999999999999999", "0", "1e3"})
    void anOutOfRangeFunnelWindowIs400(String windowMinutes) {
        HttpResponse<String> response = http.post("/api/stats/funnel?" + RANGE,
                "{\"steps\":[{\"page\":\"/a\"},{\"page\":\"/b\"}],\"windowMinutes\":" + windowMinutes + "}",
                "Authorization", "Bearer " + token(ADMIN));

        assertThat(response.statusCode()).as(response.body()).isEqualTo(400);
        assertThat(json(response).get("error").asText()).startsWith("windowMinutes: ");
    }

    @Test
    void overviewHasEveryMetricAndThePreviousPeriodCountsAsIntegersRatesAsDecimals() {
        HttpResponse<String> response = get("/api/stats/overview?" + RANGE + "&tz=Africa/Nairobi", ADMIN);

        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode body = json(response);
        assertThat(body.get("visitors").isIntegralNumber()).isTrue();
        assertThat(body.get("visitors").asLong()).isEqualTo(4);
        assertThat(body.get("pageviews").asLong()).isEqualTo(10);
        assertThat(body.get("sessions").asLong()).isEqualTo(5);
        assertThat(body.get("events").asLong()).isEqualTo(14);
        assertThat(body.get("bounceRate").isFloatingPointNumber()).isTrue();
        assertThat(body.get("bounceRate").asDouble()).isEqualTo(0.4);
        assertThat(body.get("avgSessionSeconds").asDouble()).isEqualTo(95.5);
        assertThat(body.get("viewsPerSession").isFloatingPointNumber()).isTrue();
        assertThat(body.get("viewsPerSession").asDouble()).isEqualTo(2.0);
        JsonNode previous = body.get("previous");
        assertThat(previous.get("visitors").asLong()).isEqualTo(2);
        assertThat(previous.get("bounceRate").asDouble()).isEqualTo(0.5);
        assertThat(previous.size()).isEqualTo(7);
    }

    @Test
    void timeseriesHasOnePointPerLocalBucketWithTheRequestedMetrics() {
        HttpResponse<String> response = get("/api/stats/timeseries?" + RANGE + "&interval=day&metrics=visitors,bounceRate", ADMIN);

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).isEqualTo("{\"interval\":\"day\",\"points\":["
                + "{\"t\":\"2026-11-28T00:00:00\",\"visitors\":3,\"bounceRate\":0.25},"
                + "{\"t\":\"2026-11-29T00:00:00\",\"visitors\":0,\"bounceRate\":0.0}]}");
    }

    @Test
    void timeseriesAsCsvIsAnAttachmentWithAHeaderRow() {
        HttpResponse<String> response = get("/api/stats/timeseries?" + RANGE + "&interval=day&metrics=visitors,pageviews&format=csv", ADMIN);

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(type -> assertThat(type).startsWith("text/csv"));
        assertThat(response.headers().firstValue("Content-Disposition")).hasValue("attachment; filename=\"timeseries-day.csv\"");
        assertThat(response.body()).isEqualTo("\"t\",\"visitors\",\"pageviews\"\r\n\"2026-11-28T00:00:00\",\"3\",\"7\"\r\n"
                + "\"2026-11-29T00:00:00\",\"0\",\"0\"\r\n");
    }

    @Test
    void breakdownRowsKeepANullValueAsJsonNull() {
        HttpResponse<String> response = get("/api/stats/breakdown?" + RANGE + "&dimension=page&metrics=visitors,bounceRate", ADMIN);

        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode body = json(response);
        assertThat(body.get("dimension").asText()).isEqualTo("page");
        assertThat(body.get("rows")).hasSize(3);
        assertThat(body.get("rows").get(0).get("value").asText()).isEqualTo("/pricing");
        assertThat(body.get("rows").get(0).get("visitors").asLong()).isEqualTo(3);
        assertThat(body.get("rows").get(1).get("value").isNull()).isTrue();
        assertThat(body.get("rows").get(1).get("bounceRate").asDouble()).isEqualTo(1.0);
    }

    @Test
    void breakdownHonoursTheLimit() {
        HttpResponse<String> response = get("/api/stats/breakdown?" + RANGE + "&dimension=prop:plan&limit=1", ADMIN);

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(json(response).get("dimension").asText()).isEqualTo("prop:plan");
        assertThat(json(response).get("rows")).hasSize(1);
    }

    @Test
    void breakdownAsCsvLeavesNullEmptyAndDefusesFormulas() {
        HttpResponse<String> response = get("/api/stats/breakdown?" + RANGE + "&dimension=page&metrics=visitors,bounceRate&format=csv", ADMIN);

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Disposition")).hasValue("attachment; filename=\"breakdown-page.csv\"");
        assertThat(response.body()).isEqualTo("\"value\",\"visitors\",\"bounceRate\"\r\n"
                + "\"/pricing\",\"3\",\"0.0\"\r\n"
                + ",\"2\",\"1.0\"\r\n"
                + "\"'=HYPERLINK(\"\"http://evil\"\")\",\"1\",\"1.0\"\r\n");
    }

    @Test
    void realtimeCountsRecentVisitorsAndListsTheLatestEvents() {
        HttpResponse<String> response = get("/api/stats/realtime?source=web", ADMIN);

        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode body = json(response);
        assertThat(body.get("visitors").asLong()).isEqualTo(3);
        JsonNode latest = body.get("events").get(0);
        assertThat(latest.get("type").asText()).isEqualTo("track");
        assertThat(latest.get("name").asText()).isEqualTo("Signed Up");
        assertThat(latest.get("path").asText()).isEqualTo("/pricing");
        assertThat(latest.get("country").asText()).isEqualTo("KE");
        assertThat(latest.get("device").asText()).isEqualTo("mobile");
        // the reader was asked from five minutes ago; its event is two minutes after that
        assertThat(Instant.parse(latest.get("timestamp").asText())).isBetween(Instant.now().minusSeconds(200), Instant.now());
        assertThat(body.get("events").get(1).get("name").asText()).as("a page shows its path").isEqualTo("/pricing");
        assertThat(body.get("events").get(1).get("country").isNull()).isTrue();
    }

    @Test
    void timeseriesComparedWithThePreviousPeriodHasAsManyPoints() {
        HttpResponse<String> response = get("/api/stats/timeseries?" + RANGE + "&interval=day&metrics=visitors&compare=previous", ADMIN);

        assertThat(response.statusCode()).isEqualTo(200);
        // the fixed reader has 3 visitors on 11-28, in either period's query; 11-26 and 11-27 come before
        assertThat(response.body()).isEqualTo("{\"interval\":\"day\",\"points\":["
                + "{\"t\":\"2026-11-28T00:00:00\",\"visitors\":3},{\"t\":\"2026-11-29T00:00:00\",\"visitors\":0}],"
                + "\"previous\":[{\"t\":\"2026-11-26T00:00:00\",\"visitors\":0},{\"t\":\"2026-11-27T00:00:00\",\"visitors\":0}]}");
    }

    @Test
    void timeseriesCsvWithThePreviousPeriodHasItsColumns() {
        HttpResponse<String> response = get("/api/stats/timeseries?" + RANGE + "&interval=day&metrics=visitors&compare=previous&format=csv",
                ADMIN);

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).isEqualTo("\"t\",\"visitors\",\"previous_t\",\"previous_visitors\"\r\n"
                + "\"2026-11-28T00:00:00\",\"3\",\"2026-11-26T00:00:00\",\"0\"\r\n"
                + "\"2026-11-29T00:00:00\",\"0\",\"2026-11-27T00:00:00\",\"0\"\r\n");
    }

    @Test
    void timeseriesComparedWithAYearBeforeOrAChosenRangePairsItsBuckets() {
        String series = "/api/stats/timeseries?" + RANGE + "&interval=day&metrics=visitors";
        HttpResponse<String> year = get(series + "&compare=year", ADMIN);
        // a chosen range of 3 days: its first 2 buckets pair with the 2 of the range
        HttpResponse<String> custom = get(series + "&compare=custom&compareFrom=2026-10-01&compareTo=2026-10-04", ADMIN);

        assertThat(year.statusCode()).isEqualTo(200);
        assertThat(json(year).get("previous").findValuesAsText("t")).containsExactly("2025-11-28T00:00:00", "2025-11-29T00:00:00");
        assertThat(custom.statusCode()).isEqualTo(200);
        assertThat(json(custom).get("previous").findValuesAsText("t")).containsExactly("2026-10-01T00:00:00", "2026-10-02T00:00:00");
    }

    @Test
    void theOverviewComparesWithTheRangeAsked() {
        // the fixed reader answers 4 visitors for ranges ending after 11-28, else 2
        HttpResponse<String> year = get("/api/stats/overview?" + RANGE + "&compare=year", ADMIN);
        HttpResponse<String> custom = get("/api/stats/overview?" + RANGE + "&compare=custom&compareFrom=2026-11-27&compareTo=2026-11-29",
                ADMIN);

        assertThat(json(year).at("/previous/visitors").asLong()).isEqualTo(2);
        assertThat(json(custom).at("/previous/visitors").asLong()).isEqualTo(4);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "/api/stats/overview?" + RANGE + "&compare=none|compare: the overview always compares",
            "/api/stats/overview?" + RANGE + "&compare=custom&compareFrom=2026-11-01|compareTo: is required",
            "/api/stats/timeseries?" + RANGE + "&compare=custom&compareFrom=2026-11-10&compareTo=2026-11-01|compareTo: must be after compareFrom",
            "/api/stats/timeseries?" + RANGE + "&compare=previous&compareFrom=2026-11-01|compareFrom: is only read with compare=custom",
            "/api/stats/timeseries?" + RANGE + "&compare=custom&compareFrom=last-week&compareTo=2026-11-01|compareFrom: 'last-week' is not"})
    void aBadComparisonIs400NamingTheParameter(String path, String expectedError) {
        HttpResponse<String> response = get(path, ADMIN);

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(json(response).get("error").asText()).startsWith(expectedError);
    }

    @Test
    void breakdownCsvHasTheConversionRate() {
        HttpResponse<String> response = get("/api/stats/breakdown?" + RANGE + "&tz=Africa/Nairobi&dimension=event"
                + "&metrics=visitors,conversionRate&format=csv", ADMIN);

        assertThat(response.statusCode()).isEqualTo(200);
        // rows of 3, 2 and 1 visitors over the overview's 4
        assertThat(response.body()).isEqualTo("\"value\",\"visitors\",\"conversionRate\"\r\n\"/pricing\",\"3\",\"0.75\"\r\n"
                + ",\"2\",\"0.5\"\r\n\"'=HYPERLINK(\"\"http://evil\"\")\",\"1\",\"0.25\"\r\n");
    }

    @Test
    void aFunnelTakesScreenSteps() {
        HttpResponse<String> response = http.post("/api/stats/funnel?" + RANGE,
                "{\"steps\":[{\"screen\":\"Home\"},{\"screen\":\"Income\"}]}", "Authorization", "Bearer " + token(VIEWER));

        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        JsonNode steps = json(response).get("steps");
        assertThat(steps.get(0).get("kind").asText()).isEqualTo("screen");
        assertThat(steps.get(1).get("label").asText()).isEqualTo("Income");
    }

    @Test
    void freshnessGivesTheLateShareAndCompleteUpTo() {
        Instant before = Instant.now();
        HttpResponse<String> response = get("/api/stats/freshness?" + RANGE, VIEWER);

        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        JsonNode body = json(response);
        // the reader's 8 events, 2 late, 99% of recent events within 3 h
        assertThat(body.get("events").asLong()).isEqualTo(8);
        assertThat(body.get("lateEvents").asLong()).isEqualTo(2);
        assertThat(body.get("lateShare").asDouble()).isEqualTo(0.25);
        assertThat(body.get("lateAfterMinutes").asLong()).isEqualTo(60);
        assertThat(body.get("recentEvents").asLong()).isEqualTo(40);
        assertThat(body.get("delayP99Seconds").asDouble()).isEqualTo(10800.0);
        Instant completeUpTo = Instant.parse(body.get("completeUpTo").asText());
        assertThat(completeUpTo).isBetween(before.minusSeconds(3 * 3600 + 5), Instant.now().minusSeconds(3 * 3600 - 5));
        assertThat(get("/api/stats/freshness?source=web&from=2026-11-30&to=2026-11-28", VIEWER).statusCode()).isEqualTo(400);
    }

    @Test
    void aFunnelHasRatesAndDropOffPerStep() {
        HttpResponse<String> response = http.post("/api/stats/funnel?" + RANGE + "&tz=Africa/Nairobi",
                "{\"steps\":[{\"page\":\"/pricing\"},{\"event\":\"Signed Up\"},{\"page\":\"/welcome\"}],\"windowMinutes\":30}",
                "Authorization", "Bearer " + token(VIEWER));

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).isEqualTo("{\"windowMinutes\":30,\"steps\":["
                + "{\"step\":1,\"kind\":\"page\",\"label\":\"/pricing\",\"visitors\":8,\"conversionRate\":1.0,\"stepConversionRate\":1.0,\"dropOff\":0},"
                + "{\"step\":2,\"kind\":\"event\",\"label\":\"Signed Up\",\"visitors\":4,\"conversionRate\":0.5,\"stepConversionRate\":0.5,\"dropOff\":4},"
                + "{\"step\":3,\"kind\":\"page\",\"label\":\"/welcome\",\"visitors\":2,\"conversionRate\":0.25,\"stepConversionRate\":0.5,\"dropOff\":2}]}");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "{}|steps: is required",
            "{\"steps\":[{\"page\":\"/pricing\"}]}|steps: a funnel has 2-8 steps",
            "{\"steps\":[{\"page\":\"/a\"},{\"view\":\"Home\"}]}|steps: step 2 must be {\"page\": path}, {\"screen\": name} or {\"event\": name}",
            "{\"steps\":[{\"page\":\"/a\"},{\"screen\":7}]}|steps: step 2 must be",
            "{\"steps\":[{\"screen\":\"\"},{\"page\":\"/a\"}]}|steps: step 1: a funnel step needs a screen name",
            "{\"steps\":[{\"page\":\"/a\"},{\"event\":\" \"}]}|steps: step 2: a funnel step needs an event name",
            "{\"steps\":[{\"page\":\"/a\"},{\"page\":\"/b\"}],\"windowMinutes\":0}|windowMinutes: must be 1-44640",
            "{\"steps\":[{\"page\":\"/a\"},{\"page\":\"/b\"}],\"windowMinutes\":\"60\"}|windowMinutes: must be a whole number"})
    void aBadFunnelIs400NamingTheProblem(String body, String expectedError) {
        HttpResponse<String> response = http.post("/api/stats/funnel?" + RANGE, body, "Authorization", "Bearer " + token(ADMIN));

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(json(response).get("error").asText()).startsWith(expectedError);
    }

    @Test
    void retentionHasCohortsWithTheShareReturningPerPeriod() {
        HttpResponse<String> response = get("/api/stats/retention?" + RANGE + "&tz=Africa/Nairobi&period=day", ADMIN);

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).isEqualTo("{\"period\":\"day\",\"cohorts\":["
                + "{\"cohort\":\"2026-11-28\",\"visitors\":4,\"returning\":[{\"offset\":0,\"visitors\":4,\"rate\":1.0},"
                + "{\"offset\":1,\"visitors\":1,\"rate\":0.25}]},"
                + "{\"cohort\":\"2026-11-29\",\"visitors\":0,\"returning\":[{\"offset\":0,\"visitors\":0,\"rate\":0.0}]}]}");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "/api/stats/overview?from=2026-11-28&to=2026-11-30|source: is required",
            "/api/stats/overview?source=web&to=2026-11-30|from: is required",
            "/api/stats/overview?source=web&from=yesterday&to=2026-11-30|from: 'yesterday' is not",
            "/api/stats/overview?source=web&from=2026-11-30&to=2026-11-28|to: must be after from",
            "/api/stats/overview?" + RANGE + "&tz=Mars/Olympus|tz: ",
            "/api/stats/overview?" + RANGE + "&filters=page|filters: ",
            "/api/stats/overview?" + RANGE + "&filters=page==%25zz|filters: value '%zz' is not valid URL encoding",
            "/api/stats/timeseries?source=web&from=2020-01-01&to=2022-01-01&interval=hour|interval: 'hour' gives more than",
            "/api/stats/timeseries?" + RANGE + "&interval=fortnight|interval: unknown 'fortnight'",
            "/api/stats/timeseries?" + RANGE + "&metrics=visitors,likes|metrics: unknown metric 'likes'",
            "/api/stats/timeseries?" + RANGE + "&format=xml|format: unknown 'xml'",
            "/api/stats/breakdown?" + RANGE + "|dimension: is required",
            "/api/stats/breakdown?" + RANGE + "&dimension=shoe|dimension: unknown 'shoe'",
            "/api/stats/breakdown?" + RANGE + "&dimension=page&limit=ten|limit: 'ten' is not a whole number",
            "/api/stats/breakdown?" + RANGE + "&dimension=page&limit=0|limit: must be 1-1000",
            "/api/stats/realtime|source: is required",
            "/api/stats/timeseries?" + RANGE + "&compare=lastYear|compare: unknown 'lastYear'",
            "/api/stats/timeseries?" + RANGE + "&metrics=conversionRate|metrics: conversionRate is a breakdown metric only",
            "/api/stats/retention?" + RANGE + "&period=hour|period: unknown 'hour'"})
    void aBadParameterIs400NamingIt(String path, String expectedError) {
        HttpResponse<String> response = get(path, ADMIN);

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(json(response).get("error").asText()).startsWith(expectedError);
    }

    @Test
    void brokenPercentEncodingIs400NamingTheParameter() throws IOException {
        String token = token(ADMIN);
        // java.net.URI refuses to build such a request, so it goes over a plain socket
        try (Socket socket = new Socket("127.0.0.1", server.port())) {
            socket.setSoTimeout(10_000);
            socket.getOutputStream().write(("GET /api/stats/overview?source=%zz&from=2026-11-28&to=2026-11-30 HTTP/1.1\r\n"
                    + "Host: 127.0.0.1\r\nAuthorization: Bearer " + token + "\r\nConnection: close\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            String response = new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);

            assertThat(response).startsWith("HTTP/1.1 400 ").endsWith("{\"error\":\"source: is not valid URL encoding\"}");
        }
    }

    @Test
    void aViewerIsRefusedASourceNotGrantedWith403() {
        String token = token(VIEWER);

        HttpResponse<String> refused = http.get("/api/stats/overview?source=app&from=2026-11-28&to=2026-11-30", "Authorization", "Bearer " + token);
        HttpResponse<String> realtime = http.get("/api/stats/realtime?source=app", "Authorization", "Bearer " + token);
        HttpResponse<String> sources = http.get("/api/sources", "Authorization", "Bearer " + token);

        assertThat(refused.statusCode()).isEqualTo(403);
        assertThat(json(refused).get("error").asText()).isEqualTo("no access to source 'app'");
        assertThat(realtime.statusCode()).isEqualTo(403);
        assertThat(sources.body()).isEqualTo("[{\"id\":\"web\",\"name\":\"web\"}]");
    }

    @Test
    void anUnavailableStoreIs503WithRetryAfter() {
        String token = token(ADMIN);
        reader.setUnavailable(true);

        HttpResponse<String> response = http.get("/api/stats/overview?" + RANGE, "Authorization", "Bearer " + token);

        assertThat(response.statusCode()).isEqualTo(503);
        assertThat(response.headers().firstValue("Retry-After")).hasValue("5");
    }

    // --- accounts and roles

    @Test
    void meSaysWhoIsSignedInWithTheirRoleAndSources() {
        assertThat(get("/api/me", VIEWER).body()).isEqualTo("{\"email\":\"viewer@tax.app\",\"role\":\"viewer\",\"sources\":[\"web\"]}");
        assertThat(get("/api/me", ADMIN).body()).isEqualTo("{\"email\":\"admin@tax.app\",\"role\":\"admin\",\"sources\":[]}");
    }

    @Test
    void aViewerCannotManageUsersNorErase() {
        String viewer = "Bearer " + token(VIEWER);

        List<HttpResponse<String>> refused = List.of(
                http.get("/api/users", "Authorization", viewer),
                http.post("/api/users", "{\"email\":\"new@tax.app\",\"password\":\"" + PASSWORD + "\",\"role\":\"admin\"}",
                        "Authorization", viewer),
                http.delete("/api/users/" + ADMIN, "Authorization", viewer),
                http.post("/api/admin/erase", "{\"userId\":\"user-1\"}", "Authorization", viewer));

        for (HttpResponse<String> response : refused) {
            assertThat(response.statusCode()).isEqualTo(403);
            assertThat(json(response).get("error").asText()).isEqualTo("only an admin may do this");
        }
        assertThat(users.list()).hasSize(2);
        assertThat(eraser.requests).isEmpty();
    }

    @Test
    void aViewerIsRefusedEveryReadOfASourceNotGranted() {
        String viewer = "Bearer " + token(VIEWER);
        String app = "source=app&from=2026-11-28&to=2026-11-30";

        for (String path : List.of("/api/stats/timeseries?" + app, "/api/stats/breakdown?" + app + "&dimension=page",
                "/api/stats/retention?" + app)) {
            assertThat(http.get(path, "Authorization", viewer).statusCode()).as(path).isEqualTo(403);
            assertThat(http.get(path, "Authorization", "Bearer " + token(ADMIN)).statusCode()).as(path).isEqualTo(200);
        }
        HttpResponse<String> funnel = http.post("/api/stats/funnel?" + app, "{\"steps\":[{\"page\":\"/a\"},{\"page\":\"/b\"}]}",
                "Authorization", viewer);
        assertThat(funnel.statusCode()).isEqualTo(403);
    }

    @Test
    void anAdminAddsListsAndRemovesUsers() {
        String admin = "Bearer " + token(ADMIN);

        HttpResponse<String> added = http.post("/api/users", "{\"email\":\"Analyst@Tax.app\",\"password\":\"" + PASSWORD
                + "\",\"role\":\"viewer\",\"sources\":[\"app\",\"web\"]}", "Authorization", admin);
        HttpResponse<String> listed = http.get("/api/users", "Authorization", admin);

        assertThat(added.statusCode()).isEqualTo(201);
        assertThat(json(added).get("email").asText()).isEqualTo("analyst@tax.app");
        assertThat(json(added).get("sources").toString()).isEqualTo("[\"app\",\"web\"]");
        assertThat(listed.statusCode()).isEqualTo(200);
        assertThat(json(listed)).extracting(u -> u.get("email").asText() + " " + u.get("role").asText())
                .containsExactly("admin@tax.app admin", "analyst@tax.app viewer", "viewer@tax.app viewer");
        assertThat(listed.body()).doesNotContain("passwordHash").doesNotContain(PASSWORD);
        assertThat(get("/api/me", "analyst@tax.app").statusCode()).as("the new account signs in").isEqualTo(200);

        assertThat(http.delete("/api/users/analyst@tax.app", "Authorization", admin).statusCode()).isEqualTo(204);
        assertThat(http.delete("/api/users/analyst@tax.app", "Authorization", admin).statusCode()).isEqualTo(404);
        assertThat(login("analyst@tax.app", PASSWORD).statusCode()).isEqualTo(401);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "{\"email\":\"x@tax.app\",\"password\":\"" + PASSWORD + "\",\"role\":\"owner\"}|role: unknown 'owner'",
            "{\"email\":\"x@tax.app\",\"password\":\"short\",\"role\":\"viewer\"}|password must have at least",
            "{\"email\":\"viewer@tax.app\",\"password\":\"" + PASSWORD + "\",\"role\":\"viewer\"}|a user with e-mail viewer@tax.app exists",
            "{\"email\":\"x@tax.app\",\"password\":\"" + PASSWORD + "\",\"role\":\"viewer\",\"sources\":\"web\"}|sources: must be a list"})
    void aBadNewUserIs400(String body, String expectedError) {
        HttpResponse<String> response = http.post("/api/users", body, "Authorization", "Bearer " + token(ADMIN));

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(json(response).get("error").asText()).startsWith(expectedError);
    }

    @Test
    void theLastAdminCannotBeDeleted() {
        String admin = "Bearer " + token(ADMIN);

        HttpResponse<String> refused = http.delete("/api/users/" + ADMIN, "Authorization", admin);

        assertThat(refused.statusCode()).isEqualTo(409);
        assertThat(json(refused).get("error").asText()).contains("last admin");
        assertThat(http.post("/api/users", "{\"email\":\"second@tax.app\",\"password\":\"" + PASSWORD + "\",\"role\":\"admin\"}",
                "Authorization", admin).statusCode()).isEqualTo(201);
        assertThat(http.delete("/api/users/" + ADMIN, "Authorization", admin).statusCode()).as("with a second admin").isEqualTo(204);
    }

    @Test
    void anAdminErasesASubject() {
        String admin = "Bearer " + token(ADMIN);

        HttpResponse<String> everywhere = http.post("/api/admin/erase", "{\"userId\":\"user-42\"}", "Authorization", admin);
        HttpResponse<String> inWeb = http.post("/api/admin/erase", "{\"anonymousId\":\"anon-7\",\"source\":\"web\"}",
                "Authorization", admin);
        HttpResponse<String> nobody = http.post("/api/admin/erase", "{\"source\":\"web\"}", "Authorization", admin);

        assertThat(everywhere.statusCode()).isEqualTo(200);
        assertThat(everywhere.body()).isEqualTo("{\"erased\":7}");
        assertThat(inWeb.statusCode()).isEqualTo(200);
        assertThat(nobody.statusCode()).isEqualTo(400);
        assertThat(eraser.requests).containsExactly("null/user-42/null", "web/null/anon-7");
    }

    @Test
    void twentyFailuresFromOneAddressLockItOutForEveryAccount() {
        // four failures on each of five accounts: no account reaches its own limit of five
        for (int i = 0; i < 20; i++) {
            assertThat(login("someone-" + (i % 5) + "@tax.app", "guess number " + i).statusCode()).isEqualTo(401);
        }

        HttpResponse<String> throttled = login(ADMIN, PASSWORD);

        assertThat(throttled.statusCode()).isEqualTo(429);
        assertThat(throttled.headers().firstValue("Retry-After")).isPresent();
    }

    // --- CORS and headers

    @Test
    void aPreflightFromTheAllowedOriginMayAskForAuthorization() {
        HttpResponse<String> response = http.send(http.request("/api/stats/overview")
                .method("OPTIONS", HttpRequest.BodyPublishers.noBody())
                .header("Origin", ALLOWED_ORIGIN)
                .header("Access-Control-Request-Method", "GET")
                .header("Access-Control-Request-Headers", "authorization"));

        assertThat(response.statusCode()).isEqualTo(204);
        assertThat(response.headers().firstValue("Access-Control-Allow-Origin")).hasValue(ALLOWED_ORIGIN);
        assertThat(response.headers().firstValue("Access-Control-Allow-Methods")).hasValue("GET, POST, DELETE");
        assertThat(response.headers().firstValue("Access-Control-Allow-Headers")).hasValue("Content-Type, Authorization");
        assertThat(response.headers().firstValue("Access-Control-Allow-Credentials")).isEmpty();
    }

    @Test
    void anotherOriginIs403EvenWithAValidToken() {
        String token = token(ADMIN);

        HttpResponse<String> response = http.get("/api/sources", "Authorization", "Bearer " + token, "Origin", "https://evil.example");

        assertThat(response.statusCode()).isEqualTo(403);
        assertThat(response.headers().firstValue("Access-Control-Allow-Origin")).isEmpty();
    }

    @Test
    void theAllowedOriginMayReadTheCsvFileName() {
        String token = token(ADMIN);

        HttpResponse<String> response = http.get("/api/stats/breakdown?" + RANGE + "&dimension=page&format=csv",
                "Authorization", "Bearer " + token, "Origin", ALLOWED_ORIGIN);

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Access-Control-Allow-Origin")).hasValue(ALLOWED_ORIGIN);
        assertThat(response.headers().firstValue("Access-Control-Expose-Headers")).hasValueSatisfying(headers ->
                assertThat(headers).contains("Content-Disposition"));
    }

    @Test
    void aSameOriginLoginFromTheServedDashboardIsAllowed() {
        HttpResponse<String> response = http.post("/api/auth/login",
                "{\"email\":\"" + ADMIN + "\",\"password\":\"" + PASSWORD + "\"}", "Origin", http.base());

        assertThat(response.statusCode()).isEqualTo(200);
    }

    @Test
    void apiAnswersAreNeverCachedAndCarryTheSecurityHeaders() {
        HttpResponse<String> response = get("/api/sources", ADMIN);

        assertThat(response.headers().firstValue("Cache-Control")).hasValue("no-store");
        assertThat(response.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
        assertThat(response.headers().firstValue("Referrer-Policy")).hasValue("no-referrer");
        assertThat(response.headers().firstValue("Content-Security-Policy")).hasValue(SecurityHeaders.CONTENT_SECURITY_POLICY);
    }
}
