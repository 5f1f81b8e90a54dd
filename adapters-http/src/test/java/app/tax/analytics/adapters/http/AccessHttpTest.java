package app.tax.analytics.adapters.http;

import static app.tax.analytics.adapters.http.HttpTestClient.json;
import static org.assertj.core.api.Assertions.assertThat;

import app.tax.analytics.adapters.http.TestPorts.FixedStatsReader;
import app.tax.analytics.adapters.http.TestPorts.InMemoryApiKeyStore;
import app.tax.analytics.adapters.http.TestPorts.InMemoryShareStore;
import app.tax.analytics.adapters.http.TestPorts.InMemoryUserStore;
import app.tax.analytics.adapters.http.TestPorts.RecordingEraser;
import app.tax.analytics.application.service.ApiKeyService;
import app.tax.analytics.application.service.AuthenticationService;
import app.tax.analytics.application.service.PasswordHasher;
import app.tax.analytics.application.service.ShareService;
import app.tax.analytics.application.service.StatsService;
import app.tax.analytics.application.service.UserService;
import app.tax.analytics.domain.source.WriteKeys;
import app.tax.analytics.domain.user.Role;
import com.fasterxml.jackson.databind.JsonNode;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * API keys, shared links and small-count protection over real HTTP, against the real services (issue 13). One
 * server for the class: each test makes its own keys and shares.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AccessHttpTest {
    static final String ADMIN = DashboardHttpTest.ADMIN;
    static final String VIEWER = DashboardHttpTest.VIEWER;
    static final String PASSWORD = DashboardHttpTest.PASSWORD;
    static final String SHARE_PASSWORD = "a share password for the board";
    static final String RANGE = DashboardHttpTest.RANGE;

    final InMemoryUserStore users = new InMemoryUserStore();
    final InMemoryApiKeyStore keyStore = new InMemoryApiKeyStore();
    final InMemoryShareStore shareStore = new InMemoryShareStore();
    final List<RunningServer> servers = new ArrayList<>();
    HttpTestClient http;
    String admin;

    @BeforeAll
    void start() {
        PasswordHasher hasher = new PasswordHasher(1000);
        UserService userService = new UserService(users, hasher, Clock.systemUTC());
        userService.add(ADMIN, PASSWORD, Role.ADMIN, Set.of());
        userService.add(VIEWER, PASSWORD, Role.VIEWER, Set.of("web"));
        http = new HttpTestClient(startServer(hasher, userService));
        admin = "Bearer " + token(http, ADMIN);
    }

    /** A dashboard instance over the shared stores: every instance sees what another one changed. */
    RunningServer startServer(PasswordHasher hasher, UserService userService) {
        Clock clock = Clock.systemUTC();
        var tokens = JwtTokens.hs256(DashboardHttpTest.SECRET);
        AuthenticationService auth = new AuthenticationService(users, hasher, tokens, Duration.ofHours(8), clock);
        StatsService stats = new StatsService(new FixedStatsReader(), WriteKeys.parse("web:web-write-key-1,app:app-write-key-1"), clock);
        ShareService shares = new ShareService(shareStore, hasher, tokens, clock);
        RunningServer server = HttpServers.dashboard(0, new CorsPolicy(List.of()), new ProxyPolicy(false), stats, auth,
                userService, new RecordingEraser(), new Sharing(new ApiKeyService(keyStore, clock), shares, shares), List.of(),
                new PrometheusMeterRegistry(PrometheusConfig.DEFAULT), true);
        servers.add(server);
        return server;
    }

    @AfterAll
    void stop() {
        servers.forEach(RunningServer::close);
    }

    static String token(HttpTestClient client, String email) {
        HttpResponse<String> response = client.post("/api/auth/login", "{\"email\":\"" + email + "\",\"password\":\"" + PASSWORD + "\"}");
        assertThat(response.statusCode()).isEqualTo(200);
        return json(response).get("token").asText();
    }

    JsonNode createKey(String body) {
        HttpResponse<String> response = http.post("/api/keys", body, "Authorization", admin);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
        return json(response);
    }

    JsonNode createShare(String body) {
        HttpResponse<String> response = http.post("/api/shares", body, "Authorization", admin);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
        return json(response);
    }

    // --- API keys

    @Test
    void aKeyIsShownOnceAndReadsTheStatsOfItsSources() {
        JsonNode created = createKey("{\"name\":\"Nightly export\",\"sources\":[\"web\"]}");
        String key = created.get("key").asText();

        assertThat(key).startsWith("ak_" + created.get("id").asText() + "_");
        HttpResponse<String> listed = http.get("/api/keys", "Authorization", admin);
        assertThat(listed.statusCode()).isEqualTo(200);
        assertThat(json(listed)).filteredOn(item -> item.get("id").asText().equals(created.get("id").asText()))
                .singleElement().satisfies(item -> assertThat(item.get("name").asText()).isEqualTo("Nightly export"));
        assertThat(listed.body()).doesNotContain(key).doesNotContain(key.substring(16)).doesNotContain("Hash");
        HttpResponse<String> overview = http.get("/api/stats/overview?" + RANGE, "Authorization", "Bearer " + key);
        assertThat(overview.statusCode()).as(overview.body()).isEqualTo(200);
        assertThat(json(overview).get("visitors").asLong()).isEqualTo(4);
        assertThat(http.get("/api/sources", "Authorization", "Bearer " + key).body()).isEqualTo("[{\"id\":\"web\",\"name\":\"web\"}]");
    }

    @Test
    void aKeyForOneSourceIsRefusedAnother() {
        String key = createKey("{\"name\":\"web only\",\"sources\":[\"web\"]}").get("key").asText();

        HttpResponse<String> other = http.get("/api/stats/overview?source=app&from=2026-11-28&to=2026-11-30",
                "Authorization", "Bearer " + key);

        assertThat(other.statusCode()).isEqualTo(403);
        assertThat(json(other).get("error").asText()).contains("'app'");
    }

    @Test
    void aKeyNeverManagesAccountsKeysSharesNorErases() {
        String key = "Bearer " + createKey("{\"name\":\"reader\",\"sources\":[\"web\"]}").get("key").asText();

        assertThat(http.get("/api/users", "Authorization", key).statusCode()).isEqualTo(403);
        assertThat(http.get("/api/keys", "Authorization", key).statusCode()).isEqualTo(403);
        assertThat(http.post("/api/keys", "{\"name\":\"x\",\"sources\":[\"web\"]}", "Authorization", key).statusCode()).isEqualTo(403);
        assertThat(http.post("/api/shares", "{\"source\":\"web\"}", "Authorization", key).statusCode()).isEqualTo(403);
        assertThat(http.post("/api/admin/erase", "{\"userId\":\"u1\"}", "Authorization", key).statusCode()).isEqualTo(403);
        assertThat(http.get("/api/me", "Authorization", key).statusCode()).isEqualTo(403);
    }

    @Test
    void aRevokedKeyIs401AtOnceOnEveryInstance() {
        JsonNode created = createKey("{\"name\":\"to revoke\",\"sources\":[\"web\"]}");
        String key = "Bearer " + created.get("key").asText();
        HttpTestClient otherInstance = new HttpTestClient(startServer(new PasswordHasher(1000),
                new UserService(users, new PasswordHasher(1000), Clock.systemUTC())));
        assertThat(otherInstance.get("/api/stats/overview?" + RANGE, "Authorization", key).statusCode()).isEqualTo(200);

        assertThat(http.delete("/api/keys/" + created.get("id").asText(), "Authorization", admin).statusCode()).isEqualTo(204);

        HttpResponse<String> here = http.get("/api/stats/overview?" + RANGE, "Authorization", key);
        assertThat(here.statusCode()).isEqualTo(401);
        assertThat(json(here).get("error").asText()).contains("revoked");
        assertThat(otherInstance.get("/api/stats/overview?" + RANGE, "Authorization", key).statusCode()).isEqualTo(401);
        assertThat(http.get("/api/keys", "Authorization", admin).body()).doesNotContain(created.get("id").asText());
        assertThat(http.delete("/api/keys/" + created.get("id").asText(), "Authorization", admin).statusCode()).isEqualTo(404);
    }

    @Test
    void aMadeUpKeyIs401() {
        HttpResponse<String> response = http.get("/api/stats/overview?" + RANGE, "Authorization",
                "Bearer ak_aaaaaaaaaaaa_" + "A".repeat(43));

        assertThat(response.statusCode()).isEqualTo(401);
    }

    @Test
    void aViewerMayNotManageKeysOrShares() {
        String viewer = "Bearer " + token(http, VIEWER);

        assertThat(http.post("/api/keys", "{\"name\":\"x\",\"sources\":[\"web\"]}", "Authorization", viewer).statusCode()).isEqualTo(403);
        assertThat(http.get("/api/keys", "Authorization", viewer).statusCode()).isEqualTo(403);
        assertThat(http.delete("/api/keys/aaaaaaaaaaaa", "Authorization", viewer).statusCode()).isEqualTo(403);
        assertThat(http.post("/api/shares", "{\"source\":\"web\"}", "Authorization", viewer).statusCode()).isEqualTo(403);
        assertThat(http.get("/api/shares", "Authorization", viewer).statusCode()).isEqualTo(403);
        assertThat(http.delete("/api/shares/AAAAAAAAAAAAAAAAAAAAAA", "Authorization", viewer).statusCode()).isEqualTo(403);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "{\"sources\":[\"web\"]}|name: is required",
            "{\"name\":7,\"sources\":[\"web\"]}|name: must be a string",
            "{\"name\":\"x\"}|sources: is required",
            "{\"name\":\"x\",\"sources\":\"web\"}|sources: must be a list",
            "{\"name\":\"x\",\"sources\":[\"no spaces please\"]}|sources: 'no spaces please' is not a source name",
            "{\"name\":\"x\",\"sources\":[\"web\"],\"minVisitors\":\"5\"}|minVisitors: must be a whole number",
            "{\"name\":\"x\",\"sources\":[\"web\"],\"minVisitors\":-1}|minVisitors: must be 0-1000",
            "[1]|the body must be a JSON object"})
    void aBadNewKeyIs400NamingTheField(String body, String expectedError) {
        HttpResponse<String> response = http.post("/api/keys", body, "Authorization", admin);

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(json(response).get("error").asText()).startsWith(expectedError);
    }

    // --- shared links

    @Test
    void aShareServesTheDashboardAndItsNumbersWithoutSigningIn() {
        JsonNode share = createShare("{\"source\":\"web\"}");
        String id = share.get("id").asText();

        assertThat(share.get("url").asText()).endsWith("/share/" + id).startsWith("http://");
        HttpResponse<String> page = http.get("/share/" + id);
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("<script type=\"module\" src=\"/ui/js/main.js\">");
        assertThat(page.headers().firstValue("X-Frame-Options")).hasValue("DENY");
        assertThat(page.headers().firstValue("Content-Security-Policy").orElseThrow()).contains("frame-ancestors 'none'");
        JsonNode about = json(http.get("/api/share/" + id));
        assertThat(about.get("source").asText()).isEqualTo("web");
        assertThat(about.get("passwordRequired").asBoolean()).isFalse();
        HttpResponse<String> overview = http.get("/api/share/" + id + "/stats/overview?" + RANGE);
        assertThat(overview.statusCode()).as(overview.body()).isEqualTo(200);
        assertThat(json(overview).get("visitors").asLong()).isEqualTo(4);
        assertThat(http.get("/api/share/" + id + "/stats/timeseries?from=2026-11-28&to=2026-11-30").statusCode())
                .as("the source may be left out").isEqualTo(200);
        assertThat(http.get("/api/share/" + id + "/stats/overview?source=app&from=2026-11-28&to=2026-11-30").statusCode())
                .as("another source").isEqualTo(403);
        assertThat(http.get("/api/share/" + id + "/sources").body()).isEqualTo("[{\"id\":\"web\",\"name\":\"web\"}]");
    }

    @Test
    void aDeletedShareIs404Everywhere() {
        String id = createShare("{\"source\":\"web\"}").get("id").asText();
        assertThat(http.get("/api/shares", "Authorization", admin).body()).contains(id);

        assertThat(http.delete("/api/shares/" + id, "Authorization", admin).statusCode()).isEqualTo(204);

        assertThat(http.get("/api/shares", "Authorization", admin).body()).doesNotContain(id);
        assertThat(http.get("/share/" + id).statusCode()).isEqualTo(404);
        assertThat(http.get("/api/share/" + id).statusCode()).isEqualTo(404);
        assertThat(http.get("/api/share/" + id + "/stats/overview?" + RANGE).statusCode()).isEqualTo(404);
        assertThat(http.delete("/api/shares/" + id, "Authorization", admin).statusCode()).isEqualTo(404);
        assertThat(http.get("/share/not-a-share-at-all").statusCode()).isEqualTo(404);
    }

    @Test
    void aShareWithAPasswordOpensOnlyWithIt() {
        String id = createShare("{\"source\":\"web\",\"password\":\"" + SHARE_PASSWORD + "\"}").get("id").asText();
        assertThat(json(http.get("/api/share/" + id)).get("passwordRequired").asBoolean()).isTrue();
        assertThat(http.get("/share/" + id).statusCode()).as("the page itself, with its password prompt").isEqualTo(200);

        assertThat(http.get("/api/share/" + id + "/stats/overview?" + RANGE).statusCode()).isEqualTo(401);
        HttpResponse<String> wrong = http.post("/api/share/" + id + "/unlock", "{\"password\":\"not the share password\"}");
        assertThat(wrong.statusCode()).isEqualTo(401);
        assertThat(json(wrong).get("error").asText()).isEqualTo("wrong password");
        HttpResponse<String> right = http.post("/api/share/" + id + "/unlock", "{\"password\":\"" + SHARE_PASSWORD + "\"}");
        assertThat(right.statusCode()).isEqualTo(200);
        String token = "Bearer " + json(right).get("token").asText();

        assertThat(http.get("/api/share/" + id + "/stats/overview?" + RANGE, "Authorization", token).statusCode()).isEqualTo(200);
        assertThat(http.get("/api/stats/overview?" + RANGE, "Authorization", token).statusCode())
                .as("a share's token is no sign-in token").isEqualTo(401);
        String other = createShare("{\"source\":\"web\",\"password\":\"" + SHARE_PASSWORD + "\"}").get("id").asText();
        assertThat(http.get("/api/share/" + other + "/stats/overview?" + RANGE, "Authorization", token).statusCode())
                .as("nor another share's").isEqualTo(401);
        String signedIn = "Bearer " + token(http, ADMIN);
        assertThat(http.get("/api/share/" + id + "/stats/overview?" + RANGE, "Authorization", signedIn).statusCode())
                .as("nor is a sign-in token a share's").isEqualTo(401);
    }

    @Test
    void wrongSharePasswordsAreThrottledLikeSignIns() {
        String id = createShare("{\"source\":\"web\",\"password\":\"" + SHARE_PASSWORD + "\"}").get("id").asText();
        for (int i = 0; i < 5; i++) {
            assertThat(http.post("/api/share/" + id + "/unlock", "{\"password\":\"guess number " + i + "\"}").statusCode()).isEqualTo(401);
        }

        HttpResponse<String> throttled = http.post("/api/share/" + id + "/unlock", "{\"password\":\"" + SHARE_PASSWORD + "\"}");

        assertThat(throttled.statusCode()).isEqualTo(429);
        assertThat(throttled.headers().firstValue("Retry-After")).isPresent();
    }

    @Test
    void aShareIsFramedOnlyByItsOrigins() {
        String id = createShare("{\"source\":\"web\",\"embedOrigins\":[\"https://Intranet.tax.app\"]}").get("id").asText();

        HttpResponse<String> page = http.get("/share/" + id);

        assertThat(page.headers().firstValue("Content-Security-Policy").orElseThrow())
                .endsWith("frame-ancestors https://intranet.tax.app");
        assertThat(page.headers().firstValue("X-Frame-Options")).isEmpty();
        assertThat(http.get("/").headers().firstValue("X-Frame-Options")).as("the dashboard itself").hasValue("DENY");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "{}|source: is required",
            "{\"source\":\"web\",\"password\":\"short\"}|password must have at least",
            "{\"source\":\"web\",\"password\":12}|password: must be a string",
            "{\"source\":\"web\",\"embedOrigins\":[\"https://a.tax.app/path\"]}|embedOrigins: 'https://a.tax.app/path' is not an origin",
            "{\"source\":\"web\",\"embedOrigins\":\"https://a.tax.app\"}|embedOrigins: must be a list",
            "{\"source\":\"web\",\"minVisitors\":1.5}|minVisitors: must be a whole number"})
    void aBadNewShareIs400NamingTheField(String body, String expectedError) {
        HttpResponse<String> response = http.post("/api/shares", body, "Authorization", admin);

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(json(response).get("error").asText()).startsWith(expectedError);
    }

    // --- small counts

    @Test
    void breakdownRowsUnderTheKeysMinimumAreSuppressed() {
        String key = "Bearer " + createKey("{\"name\":\"k-anon\",\"sources\":[\"web\"],\"minVisitors\":3}").get("key").asText();

        HttpResponse<String> response = http.get("/api/stats/breakdown?" + RANGE + "&dimension=page&metrics=visitors,pageviews",
                "Authorization", key);

        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode body = json(response);
        assertThat(body.get("minVisitors").asInt()).isEqualTo(3);
        JsonNode rows = body.get("rows");
        assertThat(rows.get(0).get("value").asText()).isEqualTo("/pricing");
        assertThat(rows.get(0).get("visitors").asLong()).isEqualTo(3);
        assertThat(rows.get(0).get("suppressed").asBoolean()).isFalse();
        for (JsonNode small : List.of(rows.get(1), rows.get(2))) {
            assertThat(small.get("visitors").isNull()).isTrue();
            assertThat(small.get("pageviews").isNull()).isTrue();
            assertThat(small.get("suppressed").asBoolean()).isTrue();
            assertThat(small.get("threshold").asInt()).isEqualTo(3);
        }
    }

    @Test
    void aShareWithAMinimumFoldsSmallRowsIntoOneOtherRowInCsv() {
        String id = createShare("{\"source\":\"web\",\"minVisitors\":2}").get("id").asText();

        HttpResponse<String> csv = http.get("/api/share/" + id + "/stats/breakdown?" + RANGE
                + "&dimension=page&metrics=visitors,bounceRate&format=csv");
        HttpResponse<String> realtime = http.get("/api/share/" + id + "/stats/realtime?source=web");

        assertThat(csv.statusCode()).isEqualTo(200);
        assertThat(csv.body()).isEqualTo("\"value\",\"visitors\",\"bounceRate\"\r\n"
                + "\"/pricing\",\"3\",\"0.0\"\r\n"
                + ",\"2\",\"1.0\"\r\n"
                + "\"other (1 value under 2 visitors each)\",,\r\n");
        assertThat(json(realtime).get("events")).as("single events are smaller than any minimum").isEmpty();
    }

    @Test
    void aViewerAccountWithAMinimumSeesSmallRowsSuppressed() {
        HttpResponse<String> added = http.post("/api/users", "{\"email\":\"limited@tax.app\",\"password\":\"" + PASSWORD
                + "\",\"role\":\"viewer\",\"sources\":[\"web\"],\"minVisitors\":2}", "Authorization", admin);
        assertThat(added.statusCode()).as(added.body()).isEqualTo(201);
        assertThat(json(added).get("minVisitors").asInt()).isEqualTo(2);
        String limited = "Bearer " + token(http, "limited@tax.app");

        JsonNode body = json(http.get("/api/stats/breakdown?" + RANGE + "&dimension=page&metrics=visitors", "Authorization", limited));

        assertThat(body.get("minVisitors").asInt()).isEqualTo(2);
        assertThat(body.get("rows")).extracting(row -> row.get("suppressed").asBoolean()).containsExactly(false, false, true);
        assertThat(body.get("rows").get(1).get("visitors").asLong()).isEqualTo(2);
        assertThat(json(http.get("/api/me", "Authorization", limited)).get("minVisitors").asInt()).isEqualTo(2);
    }

    @Test
    void anAdminCannotBeLimited() {
        HttpResponse<String> response = http.post("/api/users", "{\"email\":\"boss@tax.app\",\"password\":\"" + PASSWORD
                + "\",\"role\":\"admin\",\"minVisitors\":2}", "Authorization", admin);

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(json(response).get("error").asText()).isEqualTo("minVisitors: only a viewer can be limited");
    }

    @Test
    void withoutAMinimumBreakdownsAreUnchanged() {
        String key = "Bearer " + createKey("{\"name\":\"plain\",\"sources\":[\"web\"]}").get("key").asText();

        JsonNode body = json(http.get("/api/stats/breakdown?" + RANGE + "&dimension=page&metrics=visitors", "Authorization", key));

        assertThat(body.has("minVisitors")).isFalse();
        assertThat(body.get("rows").get(2).get("visitors").asLong()).isEqualTo(1);
        assertThat(body.get("rows").get(2).has("suppressed")).isFalse();
    }
}
