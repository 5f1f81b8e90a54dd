package app.tax.analytics.bootstrap.browser;

import static app.tax.analytics.bootstrap.browser.DashboardSite.DAY;
import static app.tax.analytics.bootstrap.browser.DashboardSite.PREVIOUS_DAY;
import static org.assertj.core.api.Assertions.assertThat;

import app.tax.analytics.bootstrap.e2e.AllRoleFixture;
import app.tax.analytics.testsupport.browser.Browser;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;

/**
 * The web dashboard in headless Chromium against {@link DashboardSite}'s dataset: sign-in, the seeded numbers
 * on the cards, the chart, a click on a country filtering everything, CSV downloads, funnel and retention
 * views, and the phone layout. Screenshots land in {@code target/screenshots/dashboard-*.png}.
 */
class DashboardBrowserTest extends DashboardSiteBrowserTest {
    private static final String THE_DAY = "?source=web&period=custom&from=" + DAY + "&to=" + DAY;

    @Test
    void signingInShowsTheSeededNumbersTheChartAndTheBreakdowns() {
        dashboard.openSignedOut(THE_DAY);
        browser.screenshot("dashboard-login");
        dashboard.signIn("admin@tax.app", "not the password");
        assertThat(dashboard.loginMessage()).isEqualTo("wrong e-mail or password");

        dashboard.open(THE_DAY);
        dashboard.awaitCard("visitors", "5");
        dashboard.awaitCard("pageviews", "7");
        dashboard.awaitCard("sessions", "5");
        dashboard.awaitCard("bounceRate", "40%");
        dashboard.awaitCard("avgSessionSeconds", "2m 48s");
        dashboard.awaitCard("viewsPerSession", "1.4");
        assertThat(dashboard.cardChange("visitors")).startsWith("▲ 400%");
        assertThat(dashboard.cardChange("bounceRate")).startsWith("▼ 60%");
        assertThat(dashboard.cardChange("avgSessionSeconds")).as("0 s before is no base for a change").startsWith("–");

        WebElement canvas = dashboard.await("the chart", d -> d.findElement(By.cssSelector("#chart canvas")));
        assertThat(canvas.getSize().getWidth()).isGreaterThan(300);
        assertThat(canvas.getSize().getHeight()).isGreaterThan(100);
        assertThat(dashboard.driver().findElement(By.id("chart-interval")).getText()).isEqualTo("by hour");

        dashboard.awaitRow("locations", "KE", "visitors", "3");
        dashboard.awaitRow("locations", "GB", "visitors", "2");
        dashboard.awaitRow("pages", "/pricing", "pageviews", "3");
        assertThat(dashboard.driver().findElement(By.cssSelector("[data-panel='pages'] .more-rows")).isDisplayed())
                .as("three pages: nothing more to show").isFalse();
        dashboard.awaitRow("goals", "Signed Up", "visitors", "2");
        dashboard.awaitRow("goals", "Signed Up", "conversionRate", "40%");
        dashboard.awaitText("one current visitor", By.id("realtime-count"), "1");
        assertThat(dashboard.driver().findElement(By.id("user-email")).getText()).isEqualTo(AllRoleFixture.ADMIN_EMAIL);
        browser.screenshot("dashboard-overview");
        assertThat(dashboard.problems()).as("CSP violations and script errors").isEmpty();

        WebElement realtime = dashboard.driver().findElement(By.id("realtime"));
        realtime.click();
        dashboard.awaitText("r1's page view among the latest events", By.cssSelector("#latest-events-list .latest-event-what"), "Viewed /");
        browser.screenshot("dashboard-latest-events");
        realtime.sendKeys(Keys.ESCAPE);
        dashboard.await("the latest events closed", d -> !d.findElement(By.id("latest-events")).isDisplayed());

        dashboard.selectTab("devices", "browser");
        dashboard.awaitRow("devices", "Chrome", "visitors", "2");
        dashboard.selectTab("sources", "referrer");
        dashboard.await("referrers", d -> dashboard.rowValues("sources").size() >= 2);
    }

    @Test
    void clickingACountryFiltersTheCardsAndPanelsUntilTheChipIsRemoved() {
        dashboard.open(THE_DAY);
        dashboard.awaitCard("visitors", "5");
        dashboard.awaitRow("locations", "KE", "visitors", "3");

        dashboard.clickRow("locations", "KE");
        dashboard.awaitCard("visitors", "3");
        dashboard.awaitCard("pageviews", "5");
        dashboard.awaitCard("sessions", "3");
        dashboard.awaitCard("bounceRate", "33.3%");
        dashboard.awaitCard("avgSessionSeconds", "4m 20s");
        assertThat(dashboard.cardChange("visitors")).startsWith("▲ 200%");
        assertThat(dashboard.filterChips()).containsExactly("Country is Kenya");
        assertThat(dashboard.driver().getCurrentUrl()).contains("filters=country%3D%3DKE");
        dashboard.awaitRow("pages", "/pricing", "visitors", "2");
        dashboard.await("only Kenya in the locations", d -> dashboard.rowValues("locations").equals(List.of("KE")));
        dashboard.driver().executeScript("window.scrollTo(0, 0)");
        browser.screenshot("dashboard-filtered-kenya");

        // the filter is in the URL: a reload shows the same
        dashboard.driver().navigate().refresh();
        dashboard.awaitCard("visitors", "3");

        dashboard.driver().findElement(By.cssSelector("#filter-chips .chip-remove")).click();
        dashboard.awaitCard("visitors", "5");
        assertThat(dashboard.filterChips()).isEmpty();
        assertThat(dashboard.driver().getCurrentUrl()).doesNotContain("filters=");
    }

    @Test
    void aDarkColorSchemeFollowsTheSystemSetting() {
        dashboard.driver().executeCdpCommand("Emulation.setEmulatedMedia",
                Map.of("features", List.of(Map.of("name", "prefers-color-scheme", "value", "dark"))));
        try {
            dashboard.open(THE_DAY);
            dashboard.awaitCard("visitors", "5");
            dashboard.await("the chart", d -> d.findElement(By.cssSelector("#chart canvas")));
            assertThat(dashboard.driver().executeScript("return getComputedStyle(document.documentElement).backgroundColor"))
                    .isEqualTo("rgb(15, 17, 23)");
            browser.screenshot("dashboard-dark");
        } finally {
            dashboard.driver().executeCdpCommand("Emulation.setEmulatedMedia", Map.of("features", List.of()));
        }
    }

    @Test
    void tabsAndRowsWorkFromTheKeyboard() {
        dashboard.open(THE_DAY);
        dashboard.awaitRow("locations", "KE", "visitors", "3");
        WebElement countries = dashboard.driver().findElement(By.cssSelector("[data-panel='locations'] [data-dimension='country']"));
        countries.sendKeys(Keys.ARROW_RIGHT);
        dashboard.awaitRow("locations", "Nairobi County", "visitors", "3");
        assertThat(dashboard.driver().switchTo().activeElement().getText()).isEqualTo("Regions");

        WebElement nairobi = dashboard.driver().findElement(
                By.cssSelector("[data-panel='locations'] button.row-filter[data-value='Nairobi County']"));
        dashboard.driver().executeScript("arguments[0].focus(); arguments[0].scrollIntoView({block: 'center'})", nairobi);
        assertThat(dashboard.driver().executeScript("return getComputedStyle(arguments[0]).outlineStyle", nairobi))
                .as("a visible focus ring").isEqualTo("solid");
        browser.screenshot("dashboard-keyboard-focus");
        nairobi.sendKeys(Keys.ENTER);
        dashboard.awaitCard("visitors", "3");
        assertThat(dashboard.filterChips()).containsExactly("Region is Nairobi County");
    }

    @Test
    void goalsBreakDownByAnEventPropertyAndItsValuesFilter() {
        dashboard.open(THE_DAY);
        dashboard.awaitRow("goals", "Signed Up", "visitors", "2");
        dashboard.selectTab("goals", "prop");
        WebElement key = dashboard.driver().findElement(By.cssSelector("[data-panel='goals'] .property-key-input"));
        key.sendKeys("plan", Keys.ENTER);
        dashboard.awaitRow("goals", "pro", "events", "1");
        dashboard.awaitRow("goals", "basic", "events", "1");
        dashboard.driver().executeScript("document.querySelector('[data-panel=devices]').scrollIntoView()");
        browser.screenshot("dashboard-goals-properties");

        dashboard.clickRow("goals", "pro");
        dashboard.awaitCard("visitors", "1");
        assertThat(dashboard.filterChips()).containsExactly("Property plan is pro");
        assertThat(dashboard.driver().getCurrentUrl()).contains("filters=prop%3Aplan%3D%3Dpro");
    }

    @Test
    void anEmptyPeriodSaysSoAndARefusalOfTheApiIsShown() {
        dashboard.open("?source=web&period=custom&from=2026-10-01&to=2026-10-01");
        dashboard.awaitCard("visitors", "0");
        dashboard.awaitText("the empty chart", By.id("chart-message"), "No visits in this period.");
        dashboard.awaitText("an empty panel", By.cssSelector("[data-panel='locations'] .empty"), "No data for this period.");
        browser.screenshot("dashboard-empty");

        dashboard.open("?source=web&period=custom&from=2020-01-01&to=" + DAY);
        dashboard.awaitText("the API's refusal", By.id("cards-message"), "Overview: from: the range is longer than 3 years");
        dashboard.awaitText("the panels' refusal", By.cssSelector("[data-panel='pages'] .message"),
                "from: the range is longer than 3 years");
    }

    @Test
    void anExpiredSessionLeadsBackToTheSignInPageAndSigningOutForgetsTheToken() {
        dashboard.open(THE_DAY);
        dashboard.awaitCard("visitors", "5");
        dashboard.driver().executeScript("sessionStorage.setItem('analytics.token', 'no-longer-valid')");
        dashboard.driver().navigate().refresh();
        assertThat(dashboard.loginMessage()).isEqualTo("Your session has expired. Please sign in again.");

        dashboard.signIn(AllRoleFixture.ADMIN_EMAIL, AllRoleFixture.ADMIN_PASSWORD);
        dashboard.awaitCard("visitors", "5");
        assertThat(dashboard.driver().getCurrentUrl()).endsWith(THE_DAY);

        dashboard.driver().findElement(By.id("logout")).click();
        assertThat(dashboard.loginMessage()).isEqualTo("You have signed out.");
        assertThat(dashboard.driver().executeScript("return sessionStorage.getItem('analytics.token')")).isNull();
    }

    @Test
    void breakdownsAndTheTimeseriesDownloadAsCsv() throws IOException {
        dashboard.open(THE_DAY);
        dashboard.awaitRow("locations", "KE", "visitors", "3");

        dashboard.driver().findElement(By.cssSelector("[data-panel='locations'] .csv-download")).click();
        assertThat(downloaded("breakdown-country.csv")).containsExactly("\"value\",\"visitors\",\"pageviews\"", "\"KE\",\"3\",\"5\"",
                "\"GB\",\"2\",\"2\"");

        dashboard.driver().findElement(By.id("timeseries-csv")).click();
        List<String> series = downloaded("timeseries-hour.csv");
        assertThat(series).hasSize(25);
        assertThat(series.get(0)).isEqualTo("\"t\",\"visitors\",\"pageviews\",\"sessions\",\"events\"");
        // k1's 09:00 UTC session is at noon in Nairobi: 2 pageviews and the track
        assertThat(series).contains("\"" + DAY + "T12:00:00\",\"1\",\"2\",\"1\",\"3\"");
    }

    @Test
    void thePeriodPickerKeepsItsChoiceInTheUrl() {
        dashboard.open(THE_DAY);
        dashboard.awaitCard("visitors", "5");
        new Select(dashboard.driver().findElement(By.id("period-picker"))).selectByValue("today");
        dashboard.await("period=today in the URL", d -> d.getCurrentUrl().contains("period=today"));
        dashboard.awaitCard("visitors", "1");
        assertThat(dashboard.driver().findElement(By.id("chart-interval")).getText()).isEqualTo("by hour");

        new Select(dashboard.driver().findElement(By.id("period-picker"))).selectByValue("30d");
        dashboard.await("period=30d in the URL", d -> d.getCurrentUrl().contains("period=30d"));
        assertThat(dashboard.driver().findElement(By.id("chart-interval")).getText()).isEqualTo("by day");

        dashboard.driver().navigate().back();
        dashboard.await("back to today", d -> new Select(d.findElement(By.id("period-picker")))
                .getFirstSelectedOption().getAttribute("value").equals("today"));

        new Select(dashboard.driver().findElement(By.id("period-picker"))).selectByValue("custom");
        WebElement from = dashboard.await("the custom range", d -> d.findElement(By.id("custom-from")));
        WebElement to = dashboard.driver().findElement(By.id("custom-to"));
        dashboard.driver().executeScript("arguments[0].value = arguments[2]; arguments[1].value = arguments[2];", from, to, DAY);
        to.sendKeys(Keys.ENTER);
        dashboard.await("the custom range in the URL", d -> d.getCurrentUrl().endsWith(THE_DAY.substring(1)));
        dashboard.awaitCard("visitors", "5");
    }

    @Test
    void theCardsCompareWithAYearBeforeOrAChosenPeriodKeptInTheUrl() {
        dashboard.open(THE_DAY);
        dashboard.awaitCard("visitors", "5");
        assertThat(dashboard.cardChange("visitors")).startsWith("▲ 400%");

        new Select(dashboard.driver().findElement(By.id("compare-picker"))).selectByValue("year");
        dashboard.await("compare=year in the URL", d -> d.getCurrentUrl().contains("compare=year"));
        // nobody visited a year before
        dashboard.await("the change against a year before", d -> dashboard.cardChange("visitors").startsWith("new"));

        new Select(dashboard.driver().findElement(By.id("compare-picker"))).selectByValue("custom");
        WebElement from = dashboard.await("the comparison range", d -> d.findElement(By.id("compare-from")));
        WebElement to = dashboard.driver().findElement(By.id("compare-to"));
        // the day against itself
        dashboard.driver().executeScript("arguments[0].value = arguments[2]; arguments[1].value = arguments[2];", from, to, DAY);
        to.sendKeys(Keys.ENTER);
        dashboard.await("the comparison range in the URL", d -> d.getCurrentUrl().contains("compare=custom&compareFrom=" + DAY
                + "&compareTo=" + DAY));
        dashboard.await("no change against itself", d -> dashboard.cardChange("visitors").startsWith("0%"));
        assertThat(dashboard.driver().findElement(By.cssSelector("#cards [data-metric='visitors'] .card-change"))
                .getAttribute("title")).isEqualTo("Compared period: 5");
        assertThat(dashboard.problems()).as("CSP violations and script errors").isEmpty();

        dashboard.driver().navigate().refresh();
        dashboard.await("the comparison kept after a reload", d -> new Select(d.findElement(By.id("compare-picker")))
                .getFirstSelectedOption().getAttribute("value").equals("custom"));
        dashboard.await("no change against itself after the reload", d -> dashboard.cardChange("visitors").startsWith("0%"));
    }

    @Test
    void theFunnelViewShowsVisitorsPerStepAndTheDropOff() {
        dashboard.open(THE_DAY + "&view=funnel");
        dashboard.await("the funnel form", d -> d.findElement(By.id("funnel-form")).isDisplayed());
        dashboard.await("the period's pages and events offered", d ->
                !d.findElements(By.cssSelector("#funnel-pages option[value='/pricing']")).isEmpty()
                        && !d.findElements(By.cssSelector("#funnel-events option[value='Signed Up']")).isEmpty());
        List<WebElement> values = dashboard.driver().findElements(By.cssSelector("#funnel-steps .step-value"));
        values.get(0).clear();
        values.get(0).sendKeys("/");
        new Select(dashboard.driver().findElements(By.cssSelector("#funnel-steps .step-kind")).get(1)).selectByValue("page");
        values.get(1).clear();
        values.get(1).sendKeys("/pricing");
        dashboard.driver().findElement(By.id("funnel-add-step")).click();
        new Select(dashboard.driver().findElements(By.cssSelector("#funnel-steps .step-kind")).get(2)).selectByValue("event");
        WebElement third = dashboard.driver().findElements(By.cssSelector("#funnel-steps .step-value")).get(2);
        third.sendKeys("Signed Up", Keys.ENTER);

        dashboard.awaitText("the last step", By.cssSelector("#funnel-result [data-step='3'] .funnel-visitors"), "1 visitor");
        assertThat(dashboard.driver().findElements(By.cssSelector("#funnel-result .funnel-visitors")))
                .extracting(WebElement::getText).containsExactly("3 visitors", "2 visitors", "1 visitor");
        assertThat(dashboard.driver().findElement(By.cssSelector("#funnel-result [data-step='2'] .funnel-dropoff")).getText())
                .isEqualTo("1 dropped off");
        assertThat(dashboard.driver().getCurrentUrl()).contains("step=page%3A%2Fpricing").contains("view=funnel");
        browser.screenshot("dashboard-funnel");
        assertThat(dashboard.problems()).isEmpty();
    }

    @Test
    void theRetentionViewShowsCohortsAndTheShareReturning() {
        dashboard.open("?source=web&period=custom&from=" + PREVIOUS_DAY + "&to=" + DAY + "&view=retention&cohorts=day");
        By firstCohort = By.cssSelector("#retention-table tr[data-cohort='" + PREVIOUS_DAY + "'] td");
        dashboard.await("the first cohort", d -> d.findElements(firstCohort).size() >= 3);
        assertThat(dashboard.driver().findElements(firstCohort)).extracting(WebElement::getText)
                .startsWith("1", "100%", "100%");
        assertThat(dashboard.driver().findElements(By.cssSelector("#retention-table tr[data-cohort='" + DAY + "'] td")))
                .extracting(WebElement::getText).startsWith("4", "100%");
        assertThat(dashboard.driver().findElements(firstCohort).get(2).getAttribute("class")).contains("shade-10");
        browser.screenshot("dashboard-retention");
        assertThat(dashboard.problems()).isEmpty();
    }

    @Test
    void onAPhoneTheDashboardFitsTheScreen() {
        try (Browser phone = DashboardSite.openPhoneBrowser(390, 844)) {
            DashboardPage small = new DashboardPage(phone, site.url());
            small.openSignedOut(THE_DAY);
            phone.screenshot("dashboard-phone-login");
            small.open(THE_DAY);
            small.awaitCard("visitors", "5");
            small.awaitRow("locations", "KE", "visitors", "3");
            small.await("the chart", d -> d.findElement(By.cssSelector("#chart canvas")).getSize().getWidth() > 200);
            assertThat((Long) small.driver().executeScript("return window.innerWidth")).isEqualTo(390L);
            assertThat(horizontalOverflow(small)).as("page wider than the screen").isLessThanOrEqualTo(0L);
            WebElement canvas = small.driver().findElement(By.cssSelector("#chart canvas"));
            assertThat(canvas.getRect().getX() + canvas.getRect().getWidth()).isLessThanOrEqualTo(390);
            phone.screenshot("dashboard-phone-top");
            small.driver().executeScript("document.querySelector('[data-panel=locations]').scrollIntoView()");
            phone.screenshot("dashboard-phone-locations");

            small.clickRow("locations", "KE");
            small.awaitCard("visitors", "3");
            assertThat(horizontalOverflow(small)).isLessThanOrEqualTo(0L);
            small.driver().executeScript("window.scrollTo(0, 0)");
            phone.screenshot("dashboard-phone-filtered");
            assertThat(small.problems()).isEmpty();

            small.open(THE_DAY + "&view=funnel&step=page%3A%2F&step=page%3A%2Fpricing&step=event%3ASigned+Up");
            small.awaitText("the funnel's last step", By.cssSelector("#funnel-result [data-step='3'] .funnel-visitors"), "1 visitor");
            assertThat(horizontalOverflow(small)).isLessThanOrEqualTo(0L);
            phone.screenshot("dashboard-phone-funnel");

            small.open("?source=web&period=custom&from=" + PREVIOUS_DAY + "&to=" + DAY + "&view=retention&cohorts=day");
            small.await("the cohorts", d -> d.findElements(By.cssSelector("#retention-table tbody tr")).size() == 2);
            assertThat(horizontalOverflow(small)).isLessThanOrEqualTo(0L);
            phone.screenshot("dashboard-phone-retention");
        }
    }

    private static long horizontalOverflow(DashboardPage page) {
        return (Long) page.driver().executeScript(
                "return document.documentElement.scrollWidth - document.documentElement.clientWidth;");
    }

    /** The lines of a file the browser downloaded, once it is complete. */
    private List<String> downloaded(String name) throws IOException {
        Path file = browser.downloads().resolve(name);
        dashboard.await(name + " downloaded", d -> Files.exists(file) && fileSize(file) > 0);
        return Files.readAllLines(file, StandardCharsets.UTF_8);
    }

    private static long fileSize(Path file) {
        try {
            return Files.size(file);
        } catch (IOException e) {
            return 0;
        }
    }
}
