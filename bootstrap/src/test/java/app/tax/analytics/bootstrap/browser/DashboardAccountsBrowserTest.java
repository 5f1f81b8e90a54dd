package app.tax.analytics.bootstrap.browser;

import static org.assertj.core.api.Assertions.assertThat;

import app.tax.analytics.bootstrap.e2e.AllRoleFixture;
import app.tax.analytics.testsupport.browser.Browser;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;

/**
 * The dashboard's account and users views in headless Chromium against {@link DashboardSite}: an admin adds a
 * viewer limited to a source, the viewer reads only that source and changes their password, the admin removes
 * them, and the last admin cannot be removed; this site has no mail server, which the e-mail reports view says.
 * Screenshots land in {@code target/screenshots/dashboard-*.png}.
 */
class DashboardAccountsBrowserTest extends DashboardSiteBrowserTest {
    private static final String THE_SOURCE = "?source=web";
    private static final String LAST_ADMIN_REFUSAL =
            AllRoleFixture.ADMIN_EMAIL + " is the last admin and cannot be removed; make another admin first";

    @Test
    void anAdminAddsAViewerWhoReadsOnlyTheirSourceChangesTheirPasswordAndIsRemoved() {
        String viewer = "reader@tax.app";
        String initialPassword = "reader first secret";
        String newPassword = "reader second secret";

        dashboard.openSignedOut(THE_SOURCE);
        dashboard.open(THE_SOURCE);
        dashboard.awaitSignedInAs(AllRoleFixture.ADMIN_EMAIL);
        openUsers(dashboard);
        assertThat(dashboard.driver().getCurrentUrl()).contains("view=users");
        awaitUser(dashboard, AllRoleFixture.ADMIN_EMAIL);
        assertThat(userDetails(dashboard, AllRoleFixture.ADMIN_EMAIL)).startsWith("admin · All sources · added ");

        dashboard.type("new-user-email", viewer);
        dashboard.type("new-user-password", "short");
        dashboard.driver().findElement(By.id("add-user-submit")).click();
        dashboard.awaitText("the API's refusal of a weak password", By.id("add-user-message"),
                "password must have at least 12 characters");
        dashboard.type("new-user-password", initialPassword);
        new Select(dashboard.driver().findElement(By.id("new-user-role"))).selectByValue("viewer");
        dashboard.type("new-user-sources", " web , ");
        dashboard.driver().findElement(By.id("add-user-submit")).click();
        dashboard.awaitText("the viewer added", By.id("add-user-message"), viewer + " has been added.");
        awaitUser(dashboard, viewer);
        assertThat(userDetails(dashboard, viewer)).startsWith("viewer · web · added ");
        assertThat(dashboard.driver().findElement(By.id("new-user-email")).getAttribute("value")).as("form reset").isEmpty();
        browser.screenshot("dashboard-users");

        dashboard.signOut();
        dashboard.signIn(viewer, initialPassword);
        dashboard.awaitSignedInAs(viewer);
        assertThat(dashboard.driver().findElement(By.id("users-link")).isDisplayed()).as("Users entry for a viewer").isFalse();
        assertThat(dashboard.driver().getCurrentUrl()).as("a viewer is sent away from the users view").doesNotContain("view=users");
        assertThat(dashboard.driver().findElement(By.id("overview-view")).isDisplayed()).isTrue();
        List<String> sources = new Select(dashboard.driver().findElement(By.id("source-picker"))).getOptions().stream()
                .map(option -> option.getAttribute("value")).toList();
        assertThat(sources).containsExactly("web");

        dashboard.driver().findElement(By.id("user-email")).sendKeys(Keys.ENTER);
        dashboard.awaitText("the account's e-mail", By.id("account-email"), viewer);
        assertThat(dashboard.driver().getCurrentUrl()).contains("view=account");
        assertThat(dashboard.driver().findElement(By.id("account-role")).getText()).isEqualTo("viewer");
        assertThat(dashboard.driver().findElement(By.id("account-sources")).getText()).isEqualTo("web");

        changePassword("not my password", newPassword, newPassword + " typo");
        dashboard.awaitText("the confirmation mismatch", By.id("password-message"),
                "The new password and its confirmation differ.");
        assertThat(focusedId(dashboard)).isEqualTo("password-confirm");
        changePassword("not my password", newPassword, newPassword);
        dashboard.awaitText("the API's refusal of a wrong current password", By.id("password-message"),
                "current password is wrong");
        assertThat(dashboard.driver().findElement(By.id("password-message")).getAttribute("class")).contains("message-error");
        assertThat(focusedId(dashboard)).isEqualTo("password-current");
        changePassword(initialPassword, newPassword, newPassword);
        dashboard.awaitText("the password changed", By.id("password-message"), "Your password has been changed.");
        assertThat(dashboard.driver().findElement(By.id("password-current")).getAttribute("value")).as("form reset").isEmpty();
        browser.screenshot("dashboard-account");

        dashboard.signOut();
        dashboard.signIn(viewer, initialPassword);
        dashboard.awaitText("the old password refused", By.id("login-message"), "wrong e-mail or password");
        dashboard.signIn(viewer, newPassword);
        dashboard.awaitSignedInAs(viewer);
        assertThat(dashboard.problems()).isEmpty();

        dashboard.signOut();
        dashboard.signIn(AllRoleFixture.ADMIN_EMAIL, AllRoleFixture.ADMIN_PASSWORD);
        dashboard.awaitSignedInAs(AllRoleFixture.ADMIN_EMAIL);
        openUsers(dashboard);
        awaitUser(dashboard, viewer);
        userItem(dashboard, viewer).findElement(By.className("user-remove")).click();
        assertThat(focusedClass(dashboard)).as("the confirmation has the focus").contains("user-confirm-remove");
        userItem(dashboard, viewer).findElement(By.className("user-cancel-remove")).click();
        assertThat(userItem(dashboard, viewer).findElements(By.className("user-confirm-remove"))).as("cancelled").isEmpty();
        assertThat(focusedClass(dashboard)).as("the focus back on Remove").contains("user-remove");
        userItem(dashboard, viewer).findElement(By.className("user-remove")).click();
        userItem(dashboard, viewer).findElement(By.className("user-confirm-remove")).click();
        dashboard.awaitText("the viewer removed", By.id("users-message"), viewer + " has been removed.");
        dashboard.await("the viewer gone from the list",
                d -> d.findElements(By.cssSelector("#user-list [data-email='" + viewer + "']")).isEmpty());
        assertThat(dashboard.problems()).isEmpty();
    }

    @Test
    void theLastAdminCannotBeRemovedWhichTheKeyboardAloneFindsOut() {
        // as the admin, whoever an earlier test left signed in
        dashboard.openSignedOut(THE_SOURCE);
        dashboard.open(THE_SOURCE + "&view=users");
        awaitUser(dashboard, AllRoleFixture.ADMIN_EMAIL);
        userItem(dashboard, AllRoleFixture.ADMIN_EMAIL).findElement(By.className("user-remove")).sendKeys(Keys.ENTER);
        assertThat(userItem(dashboard, AllRoleFixture.ADMIN_EMAIL).findElement(By.className("user-confirm-question")).getText())
                .isEqualTo("Remove " + AllRoleFixture.ADMIN_EMAIL + "?");
        assertThat(focusedClass(dashboard)).as("the confirmation has the focus").contains("user-confirm-remove");
        dashboard.driver().switchTo().activeElement().sendKeys(Keys.ENTER);
        dashboard.awaitText("the 409 worded by the API", By.id("users-message"), LAST_ADMIN_REFUSAL);
        assertThat(dashboard.driver().findElement(By.id("users-message")).getAttribute("class")).contains("message-error");
        awaitUser(dashboard, AllRoleFixture.ADMIN_EMAIL);
        browser.screenshot("dashboard-users-last-admin");

        dashboard.driver().executeCdpCommand("Emulation.setEmulatedMedia",
                Map.of("features", List.of(Map.of("name", "prefers-color-scheme", "value", "dark"))));
        try {
            WebElement confirm = userItem(dashboard, AllRoleFixture.ADMIN_EMAIL).findElement(By.className("user-confirm-remove"));
            assertThat(confirm.getCssValue("color")).as("dark text on the light red of dark mode").isEqualTo("rgba(15, 17, 23, 1)");
            browser.screenshot("dashboard-users-dark");
        } finally {
            dashboard.driver().executeCdpCommand("Emulation.setEmulatedMedia", Map.of("features", List.of()));
        }
        assertThat(dashboard.problems()).isEmpty();
    }

    @Test
    void withoutAMailServerTheReportsViewSaysSoWhenAReportIsScheduled() {
        // as the admin, whoever an earlier test left signed in
        dashboard.openSignedOut(THE_SOURCE);
        dashboard.open(THE_SOURCE + "&view=reports");
        dashboard.await("the reports view", d -> d.findElement(By.id("reports-view")).isDisplayed());
        dashboard.await("no reports yet", d -> d.findElement(By.id("reports-empty")).isDisplayed());
        dashboard.type("new-report-recipients", "ops@tax.app");
        dashboard.driver().findElement(By.id("add-report-submit")).click();
        dashboard.awaitText("the 409 worded by the API", By.id("add-report-message"),
                "e-mail reports need SMTP_HOST; none is configured");
        assertThat(dashboard.driver().findElement(By.id("add-report-message")).getAttribute("class")).contains("message-error");
        assertThat(dashboard.driver().findElements(By.cssSelector("#report-list li"))).isEmpty();
        assertThat(dashboard.problems()).isEmpty();
    }

    @Test
    void onAPhoneTheAccountAndUsersViewsFitTheScreen() {
        try (Browser phone = DashboardSite.openPhoneBrowser(390, 844)) {
            DashboardPage small = new DashboardPage(phone, site.url());
            small.openSignedOut(THE_SOURCE);
            small.open(THE_SOURCE);
            small.awaitSignedInAs(AllRoleFixture.ADMIN_EMAIL);
            assertThat(small.driver().findElement(By.id("user-email")).isDisplayed()).as("account link on a phone").isTrue();
            openUsers(small);
            awaitUser(small, AllRoleFixture.ADMIN_EMAIL);
            userItem(small, AllRoleFixture.ADMIN_EMAIL).findElement(By.className("user-remove")).click();
            assertThat(horizontalOverflow(small)).as("page wider than the screen").isLessThanOrEqualTo(0L);
            phone.screenshot("dashboard-phone-users");
            small.driver().executeScript("document.getElementById('add-user-form').scrollIntoView()");
            phone.screenshot("dashboard-phone-add-user");

            small.driver().findElement(By.id("user-email")).click();
            small.awaitText("the account's e-mail", By.id("account-email"), AllRoleFixture.ADMIN_EMAIL);
            assertThat(small.driver().findElement(By.id("account-sources")).getText()).isEqualTo("All sources");
            assertThat(horizontalOverflow(small)).isLessThanOrEqualTo(0L);
            phone.screenshot("dashboard-phone-account");
            assertThat(small.problems()).isEmpty();
        }
    }

    private static void openUsers(DashboardPage page) {
        WebElement link = page.await("the Users entry", d -> {
            WebElement users = d.findElement(By.id("users-link"));
            return users.isDisplayed() ? users : null;
        });
        link.click();
        page.await("the users view", d -> d.findElement(By.id("users-view")).isDisplayed());
    }

    private static void awaitUser(DashboardPage page, String email) {
        page.await(email + " in the list of users", d -> userItem(page, email).isDisplayed());
    }

    private static WebElement userItem(DashboardPage page, String email) {
        return page.driver().findElement(By.cssSelector("#user-list [data-email='" + email + "']"));
    }

    private static String userDetails(DashboardPage page, String email) {
        return userItem(page, email).findElement(By.className("user-details")).getText();
    }

    private void changePassword(String current, String replacement, String confirmation) {
        dashboard.type("password-current", current);
        dashboard.type("password-new", replacement);
        dashboard.type("password-confirm", confirmation);
        dashboard.driver().findElement(By.id("password-submit")).click();
    }

    private static String focusedId(DashboardPage page) {
        return (String) page.driver().executeScript("return document.activeElement.id;");
    }

    private static String focusedClass(DashboardPage page) {
        return (String) page.driver().executeScript("return document.activeElement.className;");
    }

    private static long horizontalOverflow(DashboardPage page) {
        return (Long) page.driver().executeScript(
                "return document.documentElement.scrollWidth - document.documentElement.clientWidth;");
    }
}
