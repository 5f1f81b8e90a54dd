package app.tax.analytics.bootstrap.browser;

import static app.tax.analytics.bootstrap.browser.DashboardSite.DAY;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;

/**
 * The dashboard's own items in headless Chromium against {@link DashboardSite}'s dataset plus one visitor, "rel",
 * whose view of / at 12:00 UTC carries release 2026.11.2: the release marker and a note drawn on the chart, a saved
 * segment picked from the segment bar, a saved funnel picked in the funnel view and split before and after the release
 * (funnel / → /pricing: before 12:00 k1 reaches both; after it k3 both, g1 and rel only /).
 */
class DashboardBoardBrowserTest extends DashboardSiteBrowserTest {
    private static final String THE_DAY = "?source=web&period=custom&from=" + DAY + "&to=" + DAY;
    private static final String RELEASE = "2026.11.2";

    @Override
    void prepare(DashboardSite site) {
        site.sendReleaseEvent(RELEASE, DAY + "T12:00:00Z");
        SdkTestSite.await("the release marker", () -> site.api().get("/api/annotations?source=web&from=" + DAY + "&to=2026-11-03",
                site.adminToken()).body().contains(RELEASE));
    }

    @Test
    void theReleaseMarkerAndANoteAreDrawnOnTheChart() {
        dashboard.open(THE_DAY);
        WebElement release = dashboard.await("the release marker on the chart",
                d -> d.findElement(By.cssSelector("#chart .chart-annotation[data-kind='release']")));
        assertThat(release.getText()).isEqualTo("Release " + RELEASE);
        WebElement plot = dashboard.driver().findElement(By.cssSelector("#chart .u-over"));
        // 12:00 UTC is 15:00 in Nairobi, the browser's zone: hour 15 of the day's 24 hourly buckets
        double position = (double) (release.getLocation().getX() - plot.getLocation().getX()) / plot.getSize().getWidth();
        assertThat(position).isBetween(15.0 / 24 - 0.05, 15.0 / 24 + 0.05);
        dashboard.awaitText("the release in the list", By.cssSelector("#annotation-list li[data-kind='release'] .annotation-text"), RELEASE);

        dashboard.driver().executeScript("document.getElementById('annotation-at').value = '" + DAY + "T10:30';");
        dashboard.type("annotation-text", "Newsletter sent");
        dashboard.driver().findElement(By.cssSelector("#annotation-form button[type='submit']")).click();
        WebElement note = dashboard.await("the note on the chart", d -> d.findElement(By.cssSelector("#chart .chart-annotation[data-kind='note']")));
        assertThat(note.getText()).isEqualTo("Newsletter sent");
        plot = dashboard.driver().findElement(By.cssSelector("#chart .u-over")); // the chart was drawn anew
        double notePosition = (double) (note.getLocation().getX() - plot.getLocation().getX()) / plot.getSize().getWidth();
        assertThat(notePosition).isBetween(10.5 / 24 - 0.05, 10.5 / 24 + 0.05);
        browser.screenshot("dashboard-annotations");

        dashboard.driver().findElement(By.cssSelector("#annotation-list li[data-kind='note'] button")).click();
        dashboard.await("the note gone", d -> d.findElements(By.cssSelector("#chart .chart-annotation[data-kind='note']")).isEmpty()
                && d.findElements(By.cssSelector("#annotation-list li[data-kind='note']")).isEmpty());
        assertThat(dashboard.problems()).isEmpty();
    }

    @Test
    void aSavedSegmentIsPickedFromTheSegmentBar() {
        dashboard.open(THE_DAY);
        dashboard.awaitRow("locations", "KE", "visitors", "3");
        dashboard.clickRow("locations", "KE");
        dashboard.awaitCard("visitors", "3");
        dashboard.await("the save form", d -> d.findElement(By.id("segment-form")).isDisplayed());
        dashboard.type("segment-name", "Kenya");
        dashboard.driver().findElement(By.cssSelector("#segment-form button[type='submit']")).click();
        dashboard.await("the new segment selected", d -> new Select(d.findElement(By.id("segment-picker")))
                .getFirstSelectedOption().getText().equals("Kenya"));

        dashboard.driver().findElement(By.id("clear-filters")).click();
        dashboard.awaitCard("visitors", "6");
        assertThat(new Select(dashboard.driver().findElement(By.id("segment-picker"))).getFirstSelectedOption().getText())
                .isEqualTo("All visitors");

        new Select(dashboard.driver().findElement(By.id("segment-picker"))).selectByVisibleText("Kenya");
        dashboard.awaitCard("visitors", "3");
        assertThat(dashboard.filterChips()).hasSize(1);
        assertThat(dashboard.driver().getCurrentUrl()).contains("filters=country%3D%3DKE");
        browser.screenshot("dashboard-segment");
        assertThat(dashboard.problems()).isEmpty();
    }

    @Test
    void aSavedFunnelIsPickedAndComparedBeforeAndAfterTheRelease() {
        dashboard.open(THE_DAY + "&view=funnel&step=page%3A%2F&step=page%3A%2Fpricing");
        dashboard.awaitText("the funnel", By.cssSelector("#funnel-result [data-step='2'] .funnel-visitors"), "2 visitors");
        dashboard.type("funnel-name", "Pricing");
        dashboard.driver().findElement(By.cssSelector("#funnel-save-form button[type='submit']")).click();
        dashboard.await("the saved funnel selected", d -> new Select(d.findElement(By.id("funnel-picker")))
                .getFirstSelectedOption().getText().equals("Pricing"));

        dashboard.open(THE_DAY + "&view=funnel&step=page%3A%2Fblog&step=event%3ASigned+Up");
        dashboard.await("the saved funnel offered", d -> d.findElements(By.cssSelector("#funnel-picker option")).size() == 2);
        new Select(dashboard.driver().findElement(By.id("funnel-picker"))).selectByVisibleText("Pricing");
        dashboard.awaitText("the picked funnel", By.cssSelector("#funnel-result [data-step='2'] .funnel-visitors"), "2 visitors");
        assertThat(dashboard.driver().getCurrentUrl()).contains("step=page%3A%2F&step=page%3A%2Fpricing");

        dashboard.await("the release offered", d -> d.findElements(By.cssSelector("#funnel-marker option")).size() >= 2);
        Select markers = new Select(dashboard.driver().findElement(By.id("funnel-marker")));
        markers.getOptions().stream().filter(option -> option.getText().startsWith("Release " + RELEASE)).findFirst().orElseThrow().click();
        dashboard.await("the comparison", d -> d.findElement(By.id("funnel-compare")).isDisplayed());
        assertThat(cell(1, "before")).startsWith("1 ");
        assertThat(cell(1, "after")).startsWith("3 ");
        assertThat(cell(2, "before")).startsWith("1 ");
        assertThat(cell(2, "after")).startsWith("1 ");
        assertThat(dashboard.driver().findElement(By.cssSelector("#funnel-compare caption")).getText()).contains(RELEASE);
        browser.screenshot("dashboard-funnel-release");
        assertThat(dashboard.problems()).isEmpty();
    }

    private String cell(int step, String column) {
        return dashboard.driver().findElement(By.cssSelector("#funnel-compare tr[data-step='" + step + "'] td." + column)).getText();
    }
}
