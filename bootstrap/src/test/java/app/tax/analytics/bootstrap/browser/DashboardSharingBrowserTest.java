package app.tax.analytics.bootstrap.browser;

import static app.tax.analytics.bootstrap.browser.DashboardSite.DAY;
import static org.assertj.core.api.Assertions.assertThat;

import app.tax.analytics.bootstrap.e2e.AllRoleFixture;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

/**
 * Shared links in headless Chromium against {@link DashboardSite}: an admin creates an API key (shown once) and a
 * shared link with a small-count limit in the "Sharing &amp; API keys" view; the link, opened without signing in,
 * shows the numbers read-only with the small rows as "&lt; k"; a share with a password asks for it first.
 */
class DashboardSharingBrowserTest extends DashboardSiteBrowserTest {
    private static final String THE_DAY = "?source=web&period=custom&from=" + DAY + "&to=" + DAY;
    private static final String SHARE_PASSWORD = "the board's own password";

    @Test
    void anAdminSharesASourceWhoseLinkShowsItsNumbersReadOnlyWithoutSigningIn() {
        dashboard.openSignedOut(THE_DAY);
        dashboard.open(THE_DAY);
        dashboard.awaitSignedInAs(AllRoleFixture.ADMIN_EMAIL);
        dashboard.driver().findElement(By.id("sharing-link")).click();
        dashboard.await("the sharing view", d -> d.findElement(By.id("sharing-view")).isDisplayed());

        dashboard.type("new-key-name", "Nightly export");
        dashboard.driver().findElement(By.id("add-key-submit")).click();
        dashboard.await("the new key, shown once", d -> d.findElement(By.id("new-key-value")).getText().startsWith("ak_"));
        dashboard.awaitText("the key listed", By.cssSelector("#key-list .user-name"), "Nightly export");

        dashboard.type("new-share-min-visitors", "3");
        dashboard.driver().findElement(By.id("add-share-submit")).click();
        WebElement share = dashboard.await("the shared link listed", d -> d.findElements(By.cssSelector("#share-list li")).stream()
                .filter(item -> item.findElement(By.className("user-details")).getText()
                        .startsWith("anyone with the link · rows under 3 visitors hidden"))
                .findFirst().orElse(null));
        String sharePath = share.findElement(By.cssSelector("a.share-link")).getAttribute("pathname");
        assertThat(sharePath).matches("/share/[A-Za-z0-9_-]{22}");
        browser.screenshot("dashboard-sharing");
        dashboard.signOut();

        openShare(sharePath);
        dashboard.await("the shared dashboard, without a sign-in", d -> d.findElement(By.id("dashboard-view")).isDisplayed());
        dashboard.awaitCard("visitors", "5");
        dashboard.awaitRow("locations", "KE", "visitors", "3");
        dashboard.awaitRow("locations", "GB", "visitors", "< 3");
        assertThat(dashboard.driver().findElement(By.id("login-view")).isDisplayed()).isFalse();
        assertThat(dashboard.driver().findElement(By.id("shared-badge")).isDisplayed()).isTrue();
        for (String signedInOnly : List.of("user-email", "logout", "users-link", "sharing-link")) {
            assertThat(dashboard.driver().findElement(By.id(signedInOnly)).isDisplayed()).as(signedInOnly).isFalse();
        }
        assertThat(dashboard.driver().executeScript("return sessionStorage.getItem('analytics.token')")).isNull();
        browser.screenshot("dashboard-shared");
        assertThat(dashboard.problems()).as("CSP violations and script errors").isEmpty();
    }

    @Test
    void aSharedLinkWithAPasswordAsksForItFirst() {
        String sharePath = site.share("{\"source\":\"web\",\"password\":\"" + SHARE_PASSWORD + "\"}");

        openShare(sharePath);
        dashboard.await("the password prompt", d -> d.findElement(By.id("login-view")).isDisplayed());
        assertThat(dashboard.driver().findElement(By.id("login-email")).isDisplayed()).as("no e-mail asked").isFalse();
        dashboard.type("login-password", "not the password at all");
        dashboard.driver().findElement(By.id("login-submit")).click();
        assertThat(dashboard.loginMessage()).isEqualTo("wrong password");

        dashboard.type("login-password", SHARE_PASSWORD);
        dashboard.driver().findElement(By.id("login-submit")).click();
        dashboard.await("the shared dashboard", d -> d.findElement(By.id("dashboard-view")).isDisplayed());
        dashboard.awaitCard("visitors", "5");
        dashboard.awaitRow("locations", "GB", "visitors", "2");
        assertThat(dashboard.problems()).as("CSP violations and script errors").isEmpty();
    }

    /** Opens a shared link in a tab that has never signed in. */
    private void openShare(String sharePath) {
        String base = site.url().substring(0, site.url().length() - 1);
        dashboard.driver().get(base + sharePath + THE_DAY);
        dashboard.driver().executeScript("sessionStorage.clear();");
        dashboard.driver().navigate().refresh();
    }
}
