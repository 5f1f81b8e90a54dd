package app.tax.analytics.bootstrap.browser;

import app.tax.analytics.bootstrap.e2e.AllRoleFixture;
import app.tax.analytics.testsupport.browser.Browser;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * A web site on its own origin (JDK HTTP server on 127.0.0.1) whose pages load the SDK from the collector of an
 * {@code analytics all} started in this JVM, a headless Chromium to visit it, and the dashboard API to see what
 * arrived. One for all the SDK's browser tests ({@link Shared}): starting the service takes most of the time;
 * each test class keeps its data apart by sending to a source of its own. Every page carries the pre-load snippet, a call queued before the SDK loads, and a {@code fetch}
 * recorder ({@code window.sentEvents}) so the tests can read the exact events the SDK sent.
 *
 * <p>It also answers {@code POST /v1/batch} itself: a gate in front of the collector that refuses with the
 * status set by {@link #refuseWith} (with {@code Retry-After: 1}) and forwards to the collector otherwise, for
 * pages whose SDK is pointed at it with {@code data-api-host}.
 */
final class SdkTestSite implements AutoCloseable {
    /** The sources of the test classes, each with its write key {@code sdk-test-key-<source>}. */
    static final List<String> SOURCES = List.of("shop", "options", "offline", "retry", "private", "auto", "engaged");
    static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static final Duration WAIT = Duration.ofSeconds(30);

    /** What the gate answered, in order. */
    final List<GateAnswer> gateAnswers = new CopyOnWriteArrayList<>();
    /** The events the gate received (by fetch or beacon), in order. */
    final List<JsonNode> gateEvents = new CopyOnWriteArrayList<>();
    /** The status the gate refuses with, 0 to forward to the collector. */
    private final AtomicInteger refusal = new AtomicInteger();

    record GateAnswer(int status, Instant at) {
    }

    private final Path dataDir;
    private final HttpServer site;
    private final AllRoleFixture service;
    private final Browser browser;
    private final String token;

    private SdkTestSite() {
        try {
            dataDir = Files.createTempDirectory("sdk-browser-tests");
            site = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        site.createContext("/", this::page);
        site.createContext("/v1/batch", this::gate);
        site.start();
        AllRoleFixture started = null;
        Browser opened = null;
        try {
            // the browser first: without one the tests are skipped before the slower service start
            opened = Browser.start(Path.of("target/screenshots"), 1280, 900);
            started = new AllRoleFixture(dataDir, "--allowed-origins=" + origin(), "--allowed-write-keys="
                    + SOURCES.stream().map(source -> source + ":" + writeKey(source)).collect(Collectors.joining(",")));
        } catch (RuntimeException | Error e) {
            if (opened != null) {
                opened.close();
            }
            site.stop(0);
            throw e;
        }
        service = started;
        browser = opened;
        token = login();
    }

    /** Gives the test classes the one site, closed when every test has run. */
    static final class Shared implements ParameterResolver {
        @Override
        public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
            return parameter.getParameter().getType() == SdkTestSite.class;
        }

        @Override
        public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
            return context.getRoot().getStore(ExtensionContext.Namespace.create(SdkTestSite.class))
                    .getOrComputeIfAbsent(SdkTestSite.class, key -> new SdkTestSite(), SdkTestSite.class);
        }
    }

    static String writeKey(String source) {
        return "sdk-test-key-" + source;
    }

    /** A browser with nothing stored for the site, and the gate open. */
    void startFresh() {
        browser.driver().get(origin() + "/blank");
        script("localStorage.clear(); sessionStorage.clear();");
        forward();
        gateAnswers.clear();
        gateEvents.clear();
    }

    String origin() {
        return "http://127.0.0.1:" + site.getAddress().getPort();
    }

    Browser browser() {
        return browser;
    }

    /**
     * Opens a page of the site whose SDK sends to {@code source} and whose tag has these extra attributes (e.g.
     * {@code data-cookieless}).
     *
     * @param pathAndQuery e.g. {@code /shop/?utm_source=x}
     */
    void open(String source, String pathAndQuery, String attributes) {
        String sdk = "source=" + source + (attributes.isEmpty() ? "" : "&sdk=" + URLEncoder.encode(attributes, StandardCharsets.UTF_8));
        browser.driver().get(origin() + pathAndQuery + (pathAndQuery.contains("?") ? "&" : "?") + sdk);
    }

    void awaitSdk() {
        await("the SDK to load", () -> Boolean.TRUE.equals(script("return !!(window.analytics && window.analytics.initialized)")));
    }

    /** Waits until the SDK's stored queue is empty: every event it took was answered. */
    void awaitQueueEmpty() {
        await("the SDK's queue to empty", () -> Boolean.TRUE.equals(
                script("var q = localStorage.getItem('taxa_q'); return !q || JSON.parse(q).length === 0")));
    }

    /** From now on the gate refuses every batch with {@code status}. */
    void refuseWith(int status) {
        refusal.set(status);
    }

    /** From now on the gate forwards batches to the collector. */
    void forward() {
        refusal.set(0);
    }

    List<Integer> gateStatuses() {
        return gateAnswers.stream().map(GateAnswer::status).toList();
    }

    /** The SDK tag's attributes making it send to this site's gate instead of the collector. */
    String throughGate() {
        return "data-api-host=\"" + origin() + "\"";
    }

    Object script(String javascript, Object... arguments) {
        return browser.driver().executeScript(javascript, arguments);
    }

    /** The events the SDK handed to {@code fetch} on the current page, in order (retries included). */
    List<JsonNode> sentEvents() {
        String json = (String) script("return JSON.stringify(window.sentEvents || [])");
        try {
            List<JsonNode> events = new ArrayList<>();
            JSON.readTree(json).forEach(events::add);
            return events;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** GET on the dashboard API for today's (UTC) data of {@code source}. */
    JsonNode stats(String source, String endpoint, String parameters) {
        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        String url = "http://127.0.0.1:" + service.role.port("dashboard") + endpoint + "?source=" + source + "&from=" + today
                + "&to=" + today.plusDays(1) + (parameters.isEmpty() ? "" : "&" + parameters);
        HttpResponse<String> response = send(HttpRequest.newBuilder(URI.create(url))
                .header("Authorization", "Bearer " + token).GET());
        if (response.statusCode() != 200) {
            throw new IllegalStateException(endpoint + " answered " + response.statusCode() + ": " + response.body());
        }
        return readTree(response.body());
    }

    JsonNode overview(String source) {
        return stats(source, "/api/stats/overview", "");
    }

    /** Breakdown rows as value → the metric's count. */
    Map<String, Long> breakdown(String source, String dimension, String metric) {
        JsonNode rows = stats(source, "/api/stats/breakdown", "dimension=" + dimension + "&metrics=" + metric + "&limit=50").get("rows");
        Map<String, Long> counts = new TreeMap<>();
        rows.forEach(row -> counts.put(row.get("value").asText(), row.get(metric).asLong()));
        return counts;
    }

    /** Polls (every 200 ms, at most 30 s) until the condition holds; fails naming what it waited for. */
    static void await(String what, BooleanSupplier condition) {
        Instant deadline = Instant.now().plus(WAIT);
        while (!condition.getAsBoolean()) {
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError("waited " + WAIT.toSeconds() + " s for " + what);
            }
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted while waiting for " + what, e);
            }
        }
    }

    private String login() {
        String body = JSON.createObjectNode().put("email", AllRoleFixture.ADMIN_EMAIL)
                .put("password", AllRoleFixture.ADMIN_PASSWORD).toString();
        HttpResponse<String> response = send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:"
                        + service.role.port("dashboard") + "/api/auth/login"))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)));
        return readTree(response.body()).get("token").asText();
    }

    /**
     * Every path but {@code /blank} is the same small app page; the {@code source} query parameter picks the
     * write key, {@code sdk} adds attributes to the SDK tag.
     */
    private void page(HttpExchange exchange) throws IOException {
        if (exchange.getRequestURI().getPath().equals("/blank")) {
            respond(exchange, 200, "text/html; charset=utf-8", "<!doctype html><title>blank</title>");
            return;
        }
        String attributes = queryParameter(exchange, "sdk");
        String source = queryParameter(exchange, "source");
        // gpc=1: the browser sends the Global Privacy Control signal
        String privacySignal = queryParameter(exchange, "gpc").equals("1")
                ? "<script>Object.defineProperty(Navigator.prototype, 'globalPrivacyControl', {get: function () { return true; }});</script>\n"
                : "";
        String html = "<!doctype html><html><head><meta charset=utf-8><title>Tax app</title>\n" + privacySignal
                + "<script>window.sentEvents = []; var realFetch = window.fetch;\n"
                + "window.fetch = function (url, init) {\n"
                + "  try { JSON.parse(init.body).batch.forEach(function (e) { window.sentEvents.push(e); }); } catch (e) {}\n"
                + "  return realFetch.apply(this, arguments); };</script>\n"
                // the README's snippet: calls made before the SDK has loaded are queued
                + "<script>!function(){var a=window.analytics=window.analytics||[];if(!a.initialized){"
                + "['page','track','identify','group','reset'].forEach(function(m){a[m]=a[m]||function(){"
                + "a.push([m].concat([].slice.call(arguments)))}})}}();\n"
                + "analytics.track('Queued Before Load', {early: true});</script>\n"
                + "<script defer src=\"http://127.0.0.1:" + service.role.port("collector") + "/sdk/analytics.js\" data-write-key=\""
                + writeKey(source) + "\" " + attributes + "></script>\n"
                + "</head><body><h1>Tax app</h1></body></html>";
        respond(exchange, 200, "text/html; charset=utf-8", html);
    }

    private static String queryParameter(HttpExchange exchange, String name) {
        String query = exchange.getRequestURI().getRawQuery();
        return query == null ? "" : Arrays.stream(query.split("&")).filter(pair -> pair.startsWith(name + "="))
                .map(pair -> URLDecoder.decode(pair.substring(name.length() + 1), StandardCharsets.UTF_8))
                .collect(Collectors.joining(" "));
    }

    private void gate(HttpExchange exchange) throws IOException {
        byte[] body = exchange.getRequestBody().readAllBytes();
        try {
            JSON.readTree(body).path("batch").forEach(gateEvents::add);
        } catch (IOException notJson) {
            // forwarded as it is: the collector answers what is wrong with it
        }
        int refuse = refusal.get();
        if (refuse != 0) {
            exchange.getResponseHeaders().set("Retry-After", "1");
            gateAnswers.add(new GateAnswer(refuse, Instant.now()));
            respond(exchange, refuse, "application/json", "{\"success\":false,\"error\":\"refused by the test\"}");
            return;
        }
        HttpResponse<String> forwarded = send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:"
                        + service.role.port("collector") + "/v1/batch"))
                .header("Content-Type", "text/plain").POST(HttpRequest.BodyPublishers.ofByteArray(body)));
        gateAnswers.add(new GateAnswer(forwarded.statusCode(), Instant.now()));
        respond(exchange, forwarded.statusCode(), "application/json", forwarded.body());
    }

    private static void respond(HttpExchange exchange, int status, String type, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", type);
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
        exchange.close();
    }

    private static HttpResponse<String> send(HttpRequest.Builder request) {
        try {
            return HTTP.send(request.timeout(Duration.ofSeconds(20)).build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static JsonNode readTree(String json) {
        try {
            return JSON.readTree(json);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        try {
            browser.close();
        } finally {
            try {
                service.close();
            } finally {
                site.stop(0);
                deleteRecursively(dataDir);
            }
        }
    }

    private static void deleteRecursively(Path dir) {
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(file -> file.toFile().delete());
        } catch (IOException | UncheckedIOException e) {
            // a leftover temporary directory is harmless
        }
    }
}
