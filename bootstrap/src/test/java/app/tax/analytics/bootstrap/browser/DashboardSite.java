package app.tax.analytics.bootstrap.browser;

import app.tax.analytics.bootstrap.e2e.AllRoleFixture;
import app.tax.analytics.bootstrap.e2e.GeoFixture;
import app.tax.analytics.bootstrap.e2e.HttpJson;
import app.tax.analytics.testsupport.browser.Browser;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Map;

/**
 * An {@code analytics all} with a known dataset sent through its collector, for the dashboard's browser tests.
 * Browsers opened here run in {@link #BROWSER_ZONE} and {@link #BROWSER_LOCALE}, so the days below and the
 * number formats are the same whatever the machine's settings.
 *
 * <p>The dataset, source "web" (times UTC; KE = 41.90.0.0/16, GB = 81.2.69.0/24 in {@link GeoFixture}):
 * <ul>
 * <li>2026-11-01: k1 (KE, Chrome) views / at 10:00 — the whole previous period of 2026-11-02.</li>
 * <li>2026-11-02: k1 comes back: / 09:00 from a newsletter (utm), /pricing 09:02, track "Signed Up" with plan
 *     "pro" 09:03 (180 s, no bounce); k2 (KE, Firefox) /blog 11:00 from Twitter (bounce); k3 (KE, iPhone) / 13:00 from
 *     Google, /pricing 13:10 (600 s); g1 (GB, iPhone) / 14:00 from Google (bounce); g2 (GB, Chrome) /pricing
 *     15:00, track "Signed Up" with plan "basic" 15:01
 *     (60 s).</li>
 * <li>r1 views / now: the one current visitor.</li>
 * </ul>
 * On 2026-11-02: visitors 5, pageviews 7, sessions 5, bounce rate 40%, average session (180+0+600+0+60)/5 =
 * 168 s, 1.4 views per session, previous period 1 visitor (+400%). Kenya alone: 3 visitors, 5 pageviews,
 * 3 sessions, bounce rate 1/3, average session 260 s, previous period 1 visitor (+200%). "Signed Up": 2 visitors
 * of 5, 40%. Funnel / → /pricing → "Signed Up": 3, 2, 1.
 */
final class DashboardSite implements AutoCloseable {
    static final String DAY = "2026-11-02";
    static final String PREVIOUS_DAY = "2026-11-01";
    static final String BROWSER_ZONE = "Africa/Nairobi";
    static final String BROWSER_LOCALE = "en-US";
    static final String SCREENSHOTS = "target/screenshots";
    /** Every event of the dataset that the stats count: 1 + 7 pageviews + 2 tracks + 1 now. */
    private static final int COUNTED_EVENTS = 11;

    private static final String CHROME = "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36";
    private static final String FIREFOX = "Mozilla/5.0 (X11; Ubuntu; Linux x86_64; rv:133.0) Gecko/20100101 Firefox/133.0";
    private static final String IPHONE = "Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1";

    /** Collects the page's problems in {@code window.pageProblems} (read by {@link DashboardPage#problems()}). */
    private static final String PAGE_PROBLEM_RECORDER = """
            window.pageProblems = [];
            document.addEventListener('securitypolicyviolation', e =>
                window.pageProblems.push('CSP blocked ' + e.blockedURI + ' (' + e.violatedDirective + ')'));
            window.addEventListener('error', e => window.pageProblems.push('script error: ' + e.message));
            window.addEventListener('unhandledrejection', e => window.pageProblems.push('unhandled rejection: ' + e.reason));
            """;

    private final AllRoleFixture service;
    private final String token;
    private int messages;

    /** @param extraArgs more options of {@code analytics all}, e.g. a mail server's */
    DashboardSite(Path dataDir, String... extraArgs) {
        try {
            Path geo = Files.createDirectories(dataDir.resolve("geo"));
            String[] args = new String[extraArgs.length + 1];
            args[0] = "--maxmind-db-path=" + GeoFixture.write(geo);
            System.arraycopy(extraArgs, 0, args, 1, extraArgs.length);
            service = new AllRoleFixture(dataDir.resolve("data"), args);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        try {
            token = service.login();
            sendTheDataset();
            awaitCountedEvents();
        } catch (RuntimeException | Error e) {
            service.close();
            throw e;
        }
    }

    /** A shared link made through the API as the admin: its {@code path}, e.g. {@code /share/<id>}. */
    String share(String body) {
        HttpJson.Response response = service.dashboard.post("/api/shares", token, body);
        if (response.status() != 201) {
            throw new IllegalStateException("the share was refused: " + response.status() + " " + response.body());
        }
        return response.json().get("path").asText();
    }

    /** Where the browser opens the dashboard. */
    String url() {
        return "http://127.0.0.1:" + service.role.port("dashboard") + "/";
    }

    /** A headless desktop Chromium in {@link #BROWSER_ZONE} and {@link #BROWSER_LOCALE}. */
    static Browser openDesktopBrowser() {
        return asTheTestsExpect(Browser.start(Path.of(SCREENSHOTS), 1280, 900));
    }

    /**
     * A headless Chromium in {@link #BROWSER_ZONE} and {@link #BROWSER_LOCALE} that lays pages out as a phone
     * does, {@code width} CSS pixels wide (emulated: a headless window is never narrower than 500 pixels).
     */
    static Browser openPhoneBrowser(int width, int height) {
        Browser browser = asTheTestsExpect(Browser.start(Path.of(SCREENSHOTS), width, height));
        browser.driver().executeCdpCommand("Emulation.setDeviceMetricsOverride",
                Map.of("width", width, "height", height, "deviceScaleFactor", 2, "mobile", true));
        return browser;
    }

    /**
     * The zone and locale the expected days and number formats are written for, whatever the machine's; and a
     * record, on every page, of what the Content-Security-Policy blocked and of uncaught script errors.
     */
    private static Browser asTheTestsExpect(Browser browser) {
        browser.driver().executeCdpCommand("Emulation.setTimezoneOverride", Map.of("timezoneId", BROWSER_ZONE));
        browser.driver().executeCdpCommand("Emulation.setLocaleOverride", Map.of("locale", BROWSER_LOCALE));
        browser.driver().executeCdpCommand("Page.addScriptToEvaluateOnNewDocument", Map.of("source", PAGE_PROBLEM_RECORDER));
        return browser;
    }

    @Override
    public void close() {
        service.close();
    }

    private void sendTheDataset() {
        page("k1", "41.90.1.10", CHROME, "https://tax.app/", null, PREVIOUS_DAY + "T10:00:00Z");

        page("k1", "41.90.1.10", CHROME, "https://tax.app/?utm_source=newsletter&utm_medium=email", null, DAY + "T09:00:00Z");
        page("k1", "41.90.1.10", CHROME, "https://tax.app/pricing", "https://tax.app/", DAY + "T09:02:00Z");
        track("k1", "41.90.1.10", CHROME, "Signed Up", "pro", DAY + "T09:03:00Z");
        page("k2", "41.90.2.20", FIREFOX, "https://tax.app/blog", "https://twitter.com/someone", DAY + "T11:00:00Z");
        page("k3", "41.90.3.30", IPHONE, "https://tax.app/", "https://www.google.com/", DAY + "T13:00:00Z");
        page("k3", "41.90.3.30", IPHONE, "https://tax.app/pricing", "https://tax.app/", DAY + "T13:10:00Z");
        page("g1", "81.2.69.10", IPHONE, "https://tax.app/", "https://www.google.com/", DAY + "T14:00:00Z");
        page("g2", "81.2.69.20", CHROME, "https://tax.app/pricing", null, DAY + "T15:00:00Z");
        track("g2", "81.2.69.20", CHROME, "Signed Up", "basic", DAY + "T15:01:00Z");

        page("r1", "81.2.69.30", CHROME, "https://tax.app/", null, Instant.now().toString());
    }

    /**
     * One more visitor, "rel", viewing / at {@code timestamp} with the web SDK's {@code data-release} {@code version}:
     * the processor makes a release marker of it. Not part of the dataset the other tests count.
     */
    void sendReleaseEvent(String version, String timestamp) {
        ObjectNode message = message("rel", "81.2.69.40", CHROME, timestamp);
        ((ObjectNode) message.get("context")).put("release", version).putObject("page").put("url", "https://tax.app/");
        send("/v1/page", message);
    }

    /** A signed-in admin's token, for set-up through the API. */
    String adminToken() {
        return token;
    }

    HttpJson api() {
        return service.dashboard;
    }

    private void page(String visitor, String ip, String userAgent, String url, String referrer, String timestamp) {
        ObjectNode message = message(visitor, ip, userAgent, timestamp);
        ObjectNode page = ((ObjectNode) message.get("context")).putObject("page").put("url", url);
        if (referrer != null) {
            page.put("referrer", referrer);
        }
        send("/v1/page", message);
    }

    private void track(String visitor, String ip, String userAgent, String event, String plan, String timestamp) {
        ObjectNode message = message(visitor, ip, userAgent, timestamp).put("event", event);
        message.putObject("properties").put("plan", plan);
        send("/v1/track", message);
    }

    private ObjectNode message(String visitor, String ip, String userAgent, String timestamp) {
        ObjectNode message = HttpJson.JSON.createObjectNode().put("anonymousId", visitor).put("timestamp", timestamp)
                .put("messageId", "dashboard-" + ++messages);
        message.putObject("context").put("ip", ip).put("userAgent", userAgent);
        return message;
    }

    private void send(String path, ObjectNode message) {
        HttpJson.Response response = service.collector.postWithWriteKey(path, AllRoleFixture.WRITE_KEY, message.toString());
        if (response.status() != 200) {
            throw new IllegalStateException(path + " refused an event of the dataset: " + response.status() + " " + response.body());
        }
    }

    private void awaitCountedEvents() {
        String everything = "/api/stats/overview?source=web&from=" + PREVIOUS_DAY + "&to="
                + LocalDate.now(ZoneOffset.UTC).plusDays(2);
        SdkTestSite.await(COUNTED_EVENTS + " events stored", () -> {
            HttpJson.Response overview = service.dashboard.get(everything, token);
            return overview.status() == 200 && overview.json().get("events").asLong() >= COUNTED_EVENTS;
        });
    }
}
