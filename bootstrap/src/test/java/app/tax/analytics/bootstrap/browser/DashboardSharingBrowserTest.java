package app.tax.analytics.bootstrap.browser;

import static app.tax.analytics.bootstrap.browser.DashboardSite.DAY;
import static org.assertj.core.api.Assertions.assertThat;

import app.tax.analytics.bootstrap.e2e.AllRoleFixture;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.internet.MimeMessage;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.TemporalAdjusters;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

/**
 * Shared links in headless Chromium against {@link DashboardSite}: an admin creates an API key (shown once) and a
 * shared link with a small-count limit in the "Sharing &amp; API keys" view; the link, opened without signing in,
 * shows the numbers read-only with the small rows as "&lt; k"; a share with a password asks for it first. And
 * e-mail reports in the "E-mail reports" view, mailed through a real SMTP server in this JVM (GreenMail) that the
 * site's scheduler checks every second.
 */
class DashboardSharingBrowserTest extends DashboardSiteBrowserTest {
    private static final String THE_DAY = "?source=web&period=custom&from=" + DAY + "&to=" + DAY;
    private static final String SHARE_PASSWORD = "the board's own password";

    private static final String SMTP_PASSWORD = "the report mailer's smtp secret";

    private GreenMail smtp;

    /** A real SMTP server in this JVM, started before the site so that the site's scheduler mails to it. */
    @Override
    String[] siteOptions() {
        smtp = new GreenMail(new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        smtp.start();
        smtp.setUser("reports@tax.app", "reports", SMTP_PASSWORD);
        return new String[] {"--smtp-host=127.0.0.1", "--smtp-port=" + smtp.getSmtp().getPort(),
                "--smtp-from=reports@tax.app", "--smtp-user=reports", "--smtp-password=" + SMTP_PASSWORD,
                "--smtp-starttls=off", "--report-check-seconds=1"};
    }

    @AfterAll
    void stopSmtp() {
        if (smtp != null) {
            smtp.stop();
        }
    }

    @Test
    void anAdminSchedulesAWeeklyReportThatIsMailedThenDeletesIt() throws Exception {
        dashboard.openSignedOut(THE_DAY);
        dashboard.open(THE_DAY);
        dashboard.awaitSignedInAs(AllRoleFixture.ADMIN_EMAIL);
        dashboard.driver().findElement(By.id("reports-link")).click();
        dashboard.await("the reports view", d -> d.findElement(By.id("reports-view")).isDisplayed());
        dashboard.awaitText("the view names its source", By.id("reports-source"), "web");
        dashboard.await("no reports yet", d -> d.findElement(By.id("reports-empty")).isDisplayed());

        // the server's own words, next to the form
        dashboard.type("new-report-recipients", "ops@tax.app, not-an-address");
        dashboard.driver().findElement(By.id("add-report-submit")).click();
        dashboard.awaitText("the refused address", By.id("add-report-message"),
                "recipients: 'not-an-address' is not an e-mail address");
        assertThat(dashboard.driver().findElements(By.cssSelector("#report-list li"))).isEmpty();

        dashboard.type("new-report-recipients", "ops@tax.app\nceo@tax.app");
        dashboard.driver().findElement(By.id("add-report-submit")).click();
        dashboard.awaitText("the report listed", By.cssSelector("#report-list .report-recipients"), "ops@tax.app, ceo@tax.app");
        assertThat(dashboard.driver().findElement(By.cssSelector("#report-list .report-period")).getText()).isEqualTo("Weekly");

        // a new schedule first sends the week completed before it (UTC, from Monday)
        LocalDate lastWeek = LocalDate.now(ZoneOffset.UTC).with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY)).minusWeeks(1);
        MimeMessage report = dashboard.await("the report delivered to both recipients", d -> {
            MimeMessage[] received = smtp.getReceivedMessages();
            return received.length >= 2 ? received[0] : null;
        });
        assertThat(report.getSubject()).isEqualTo("Weekly report for web: " + lastWeek + " to " + lastWeek.plusDays(6));
        assertThat(Arrays.stream(report.getAllRecipients()).map(Object::toString)).containsExactlyInAnyOrder("ops@tax.app", "ceo@tax.app");
        assertThat(report.getContentType()).startsWith("multipart/related");

        dashboard.driver().navigate().refresh();
        dashboard.await("the report shown as sent", d -> d.findElement(By.cssSelector("#report-list .user-details")).getText()
                .contains("last sent: the week from " + DateTimeFormatter.ofPattern("MMM d, yyyy", Locale.US).format(lastWeek)));
        browser.screenshot("dashboard-reports");

        dashboard.driver().findElement(By.cssSelector("#report-list .report-delete")).click();
        dashboard.awaitText("the deletion confirmed", By.id("reports-message"), "The weekly report has been deleted.");
        dashboard.await("no reports left", d -> d.findElement(By.id("reports-empty")).isDisplayed());
        assertThat(site.api().get("/api/reports", site.adminToken()).json()).isEmpty();
        assertThat(dashboard.problems()).as("CSP violations and script errors").isEmpty();
    }

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
        for (String signedInOnly : List.of("user-email", "logout", "users-link", "sharing-link", "reports-link")) {
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
