package app.tax.analytics.bootstrap.browser;

import app.tax.analytics.bootstrap.e2e.AllRoleFixture;
import app.tax.analytics.testsupport.browser.Browser;
import java.time.Duration;
import java.util.List;
import java.util.function.Function;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.WebDriverWait;

/** The web dashboard as the tests see it: what to open, where to click, what to read. */
final class DashboardPage {
    private static final Duration PATIENCE = Duration.ofSeconds(20);

    private final Browser browser;
    private final String url;

    DashboardPage(Browser browser, String url) {
        this.browser = browser;
        this.url = url;
    }

    ChromeDriver driver() {
        return browser.driver();
    }

    Browser browser() {
        return browser;
    }

    /** Opens the dashboard with {@code query} (e.g. {@code ?source=web}), signed out. */
    void openSignedOut(String query) {
        driver().get(url + query);
        driver().executeScript("sessionStorage.clear();");
        driver().navigate().refresh();
        await("the sign-in form", d -> d.findElement(By.id("login-form")).isDisplayed());
    }

    /** Opens the dashboard with {@code query}, signing in as the admin when asked to. */
    void open(String query) {
        driver().get(url + query);
        await("the sign-in form or the dashboard", d -> d.findElement(By.id("login-view")).isDisplayed()
                || d.findElement(By.id("dashboard-view")).isDisplayed());
        if (driver().findElement(By.id("login-view")).isDisplayed()) {
            signIn(AllRoleFixture.ADMIN_EMAIL, AllRoleFixture.ADMIN_PASSWORD);
        }
        await("the dashboard", d -> d.findElement(By.id("dashboard-view")).isDisplayed());
    }

    void signIn(String email, String password) {
        WebElement emailField = driver().findElement(By.id("login-email"));
        emailField.clear();
        emailField.sendKeys(email);
        WebElement passwordField = driver().findElement(By.id("login-password"));
        passwordField.clear();
        passwordField.sendKeys(password);
        driver().findElement(By.id("login-submit")).click();
    }

    /** Signs out with the header's button and waits for the sign-in form. */
    void signOut() {
        driver().findElement(By.id("logout")).click();
        await("the sign-in form", d -> d.findElement(By.id("login-form")).isDisplayed());
    }

    /** Waits until {@code email} is shown as signed in, in the header. */
    void awaitSignedInAs(String email) {
        awaitText("the header to name " + email, By.id("user-email"), email);
    }

    /** Types {@code text} into the field {@code id}, replacing what it held. */
    void type(String id, String text) {
        WebElement field = driver().findElement(By.id(id));
        field.clear();
        field.sendKeys(text);
    }

    String loginMessage() {
        return await("a message on the sign-in form", d -> {
            WebElement message = d.findElement(By.id("login-message"));
            return message.isDisplayed() ? message.getText() : null;
        });
    }

    /** Waits until the card of {@code metric} reads {@code expected}. */
    void awaitCard(String metric, String expected) {
        By value = By.cssSelector("#cards [data-metric='" + metric + "'] .card-value");
        awaitText("the " + metric + " card to read " + expected, value, expected);
    }

    String cardChange(String metric) {
        return driver().findElement(By.cssSelector("#cards [data-metric='" + metric + "'] .card-change")).getText();
    }

    /** Waits until the breakdown row of {@code value} in {@code panel} shows {@code expected} for {@code metric}. */
    void awaitRow(String panel, String value, String metric, String expected) {
        awaitText(panel + " " + value + " " + metric + " = " + expected, rowCell(panel, value, metric), expected);
    }

    By rowCell(String panel, String value, String metric) {
        return By.cssSelector("[data-panel='" + panel + "'] tbody tr[data-value='" + value + "'] td[data-metric='" + metric + "']");
    }

    List<String> rowValues(String panel) {
        return driver().findElements(By.cssSelector("[data-panel='" + panel + "'] tbody tr")).stream()
                .map(row -> row.getAttribute("data-value")).toList();
    }

    void clickRow(String panel, String value) {
        driver().findElement(By.cssSelector("[data-panel='" + panel + "'] button.row-filter[data-value='" + value + "']")).click();
    }

    void selectTab(String panel, String dimension) {
        driver().findElement(By.cssSelector("[data-panel='" + panel + "'] [role='tab'][data-dimension='" + dimension + "']")).click();
    }

    List<String> filterChips() {
        return driver().findElements(By.cssSelector("#filter-chips .chip > span")).stream().map(WebElement::getText).toList();
    }

    /** What the Content-Security-Policy blocked and the script errors on the current page. */
    @SuppressWarnings("unchecked")
    List<String> problems() {
        return (List<String>) driver().executeScript("return window.pageProblems || [];");
    }

    void awaitText(String what, By locator, String expected) {
        await(what, d -> d.findElements(locator).stream().anyMatch(e -> e.getText().strip().equals(expected)));
    }

    <T> T await(String what, Function<WebDriver, T> condition) {
        return new WebDriverWait(driver(), PATIENCE).withMessage(() -> "waiting for " + what)
                .ignoring(org.openqa.selenium.NoSuchElementException.class)
                .ignoring(org.openqa.selenium.StaleElementReferenceException.class)
                .until(condition);
    }
}
