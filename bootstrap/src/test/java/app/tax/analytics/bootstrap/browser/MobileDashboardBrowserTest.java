package app.tax.analytics.bootstrap.browser;

import static org.assertj.core.api.Assertions.assertThat;

import app.tax.analytics.bootstrap.e2e.AllRoleFixture;
import app.tax.analytics.bootstrap.e2e.HttpJson;
import app.tax.analytics.testsupport.browser.Browser;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;

/**
 * The dashboard of a mobile app's source: one batch as Segment's mobile libraries send it to /v1/b (screens
 * and a track with context.app/os/device/network, no user agent, one screen queued three hours before the
 * upload), then the cards say "Screens", the panels show screens, app versions and devices, the chart's note
 * gives the late share, and a funnel takes screen steps.
 *
 * <p>Source "android", times relative to now: P1 (Pixel 8, app 3.1.0, wifi) Home −20 min, Income −19 min,
 * track "Return Filed" −18 min, Done −17 min (one session); P2 (iPhone15,2, app 3.0.2, cellular) Home −3 h
 * (late), Income −10 min (two sessions, both bounce). Visitors 2, screens 5, events 6, sessions 3, bounce 2/3,
 * late 1/6. Funnel Home → Income within 60 min: 2, 1 (P2's Income came 170 min after its Home).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class MobileDashboardBrowserTest {
    private static final String MOBILE_KEY = "e2e-android-key-0002";

    private AllRoleFixture service;
    private Browser browser;
    private DashboardPage dashboard;
    private String range;

    @BeforeAll
    void start(@TempDir Path dataDir) {
        browser = DashboardSite.openDesktopBrowser();
        service = new AllRoleFixture(dataDir, "--allowed-write-keys=web:" + AllRoleFixture.WRITE_KEY + ",android:" + MOBILE_KEY);
        sendTheBatch();
        LocalDate today = LocalDate.now(ZoneId.of(DashboardSite.BROWSER_ZONE));
        range = "?source=android&period=custom&from=" + today.minusDays(1) + "&to=" + today;
        String token = service.login();
        String everything = "/api/stats/overview?source=android&from=" + today.minusDays(2) + "&to=" + today.plusDays(2);
        SdkTestSite.await("6 events stored", () -> service.dashboard.get(everything, token).json().get("events").asLong() >= 6);
        dashboard = new DashboardPage(browser, "http://127.0.0.1:" + service.role.port("dashboard") + "/");
    }

    @AfterAll
    void stop() {
        if (browser != null) {
            browser.close();
        }
        if (service != null) {
            service.close();
        }
    }

    @Test
    void aMobileSourceShowsScreensAppVersionsDevicesAndTheLateShare() {
        dashboard.open(range);
        dashboard.awaitCard("visitors", "2");
        dashboard.awaitCard("pageviews", "5");
        dashboard.awaitCard("sessions", "3");
        dashboard.awaitCard("bounceRate", "66.7%");
        dashboard.await("the views card named Screens", d -> d.findElement(By.cssSelector("#cards [data-metric='pageviews'] .card-label"))
                .getDomProperty("textContent").equals("Screens"));
        dashboard.awaitText("the chart named for screens", By.id("chart-name"), "Visitors and screens");

        dashboard.awaitRow("screens", "Home", "visitors", "2");
        dashboard.awaitRow("screens", "Income", "visitors", "2");
        dashboard.awaitRow("screens", "Done", "pageviews", "1");
        assertThat(dashboard.driver().findElement(By.cssSelector("[data-panel='pages']")).isDisplayed())
                .as("no page panel for an app without pages").isFalse();
        dashboard.awaitRow("app", "3.1.0", "visitors", "1");
        dashboard.awaitRow("app", "3.0.2", "sessions", "2");
        dashboard.selectTab("app", "device_model");
        dashboard.awaitRow("app", "Pixel 8", "visitors", "1");
        dashboard.awaitRow("app", "iPhone15,2", "visitors", "1");
        dashboard.selectTab("app", "network");
        dashboard.awaitRow("app", "cellular", "sessions", "2");
        dashboard.selectTab("devices", "os");
        dashboard.awaitRow("devices", "Android", "visitors", "1");
        dashboard.awaitRow("devices", "iOS", "visitors", "1");

        dashboard.await("the late-events note", d -> d.findElement(By.id("chart-freshness")).getText()
                .startsWith("16.7% of these events arrived more than 1 h after they happened. Complete up to "));
        assertThat(dashboard.driver().findElement(By.id("chart-freshness")).getText())
                .contains("99% of events arrived within 3 h");
        browser.screenshot("dashboard-mobile");

        dashboard.clickRow("screens", "Income");
        dashboard.awaitCard("visitors", "2");
        dashboard.awaitCard("pageviews", "2");
        assertThat(dashboard.filterChips()).containsExactly("Screen is Income");
        assertThat(dashboard.problems()).isEmpty();
    }

    @Test
    void aFunnelTakesScreenSteps() {
        dashboard.open(range + "&view=funnel&step=screen%3AHome&step=screen%3AIncome");
        dashboard.awaitText("the first step", By.cssSelector("#funnel-result [data-step='1'] .funnel-visitors"), "2 visitors");
        dashboard.awaitText("the second step", By.cssSelector("#funnel-result [data-step='2'] .funnel-visitors"), "1 visitor");
        assertThat(dashboard.driver().findElement(By.cssSelector("#funnel-result [data-step='2'] .funnel-kind")).getDomProperty("textContent"))
                .isEqualTo("Screen");
        dashboard.await("screen suggestions", d -> !d.findElements(By.cssSelector("#funnel-screens option[value='Income']")).isEmpty());
        assertThat(dashboard.problems()).isEmpty();
        browser.screenshot("dashboard-mobile-funnel");
    }

    /** One upload as analytics-kotlin makes it: POST /v1/b, the write key in the body, sentAt = now. */
    private void sendTheBatch() {
        Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        ObjectNode body = HttpJson.JSON.createObjectNode().put("writeKey", MOBILE_KEY).put("sentAt", now.toString());
        ArrayNode batch = body.putArray("batch");
        screen(batch, "p1", "pixel", "Home", now.minusSeconds(20 * 60));
        screen(batch, "p1", "pixel", "Income", now.minusSeconds(19 * 60));
        event(batch, "p1", "pixel", now.minusSeconds(18 * 60)).put("type", "track").put("event", "Return Filed");
        screen(batch, "p1", "pixel", "Done", now.minusSeconds(17 * 60));
        screen(batch, "p2", "iphone", "Home", now.minusSeconds(3 * 3600));
        screen(batch, "p2", "iphone", "Income", now.minusSeconds(10 * 60));
        HttpJson.Response response = service.collector.postWithWriteKey("/v1/b", MOBILE_KEY, body.toString());
        assertThat(response.status()).as(response.body()).isEqualTo(200);
    }

    private static void screen(ArrayNode batch, String visitor, String device, String name, Instant at) {
        event(batch, visitor, device, at).put("type", "screen").put("name", name);
    }

    private static ObjectNode event(ArrayNode batch, String visitor, String device, Instant at) {
        ObjectNode event = batch.addObject().put("anonymousId", visitor).put("messageId", visitor + "-" + at.toEpochMilli())
                .put("timestamp", at.toString());
        ObjectNode context = event.putObject("context");
        boolean pixel = device.equals("pixel");
        context.putObject("app").put("name", "Tax").put("version", pixel ? "3.1.0" : "3.0.2").put("build", pixel ? "310" : "302");
        context.putObject("os").put("name", pixel ? "Android" : "iOS").put("version", pixel ? "14" : "17.4");
        context.putObject("device").put("model", pixel ? "Pixel 8" : "iPhone15,2").put("manufacturer", pixel ? "Google" : "Apple")
                .put("type", pixel ? "android" : "ios");
        context.putObject("network").put("wifi", pixel).put("cellular", !pixel);
        context.putObject("library").put("name", "analytics-kotlin").put("version", "1.25.0");
        context.put("ip", "105.160.0.1");
        return event;
    }
}
