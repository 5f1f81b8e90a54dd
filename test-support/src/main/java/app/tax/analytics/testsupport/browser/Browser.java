package app.tax.analytics.testsupport.browser;

import app.tax.analytics.testsupport.FixtureRequirement;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * Headless Chromium driven through ChromeDriver, both from Debian's packages ({@code chromium},
 * {@code chromium-driver}); no browser is ever downloaded. Found through {@code CHROME_BIN} and
 * {@code CHROMEDRIVER}, else on the PATH; missing → the test is skipped, or fails when
 * {@code ANALYTICS_TEST_REQUIRE} names "browser".
 *
 * <p>Started with the flags this machine needs: no sandbox (root), no background networking (the
 * network is closed), a fresh profile per browser. Its user agent is a normal desktop Chrome's, so
 * the service does not count the test's page views as a headless bot's.
 */
public final class Browser implements AutoCloseable {
    /** A desktop Chrome user agent, so that page views from tests are not flagged as bots. */
    public static final String DESKTOP_CHROME_UA =
            "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36";

    private final ChromeDriver driver;
    private final Path profile;
    private final Path screenshots;

    private Browser(ChromeDriver driver, Path profile, Path screenshots) {
        this.driver = driver;
        this.profile = profile;
        this.screenshots = screenshots;
    }

    /**
     * @param screenshots folder for {@link #screenshot} (created), e.g. {@code target/screenshots}
     * @param width       window width in CSS pixels (e.g. 1280, or 390 for a phone)
     * @param height      window height
     */
    public static Browser start(Path screenshots, int width, int height) {
        List<String> reasons = new ArrayList<>();
        Optional<Path> chromium = find("CHROME_BIN", List.of("chromium", "chromium-browser", "google-chrome"), reasons);
        Optional<Path> chromedriver = find("CHROMEDRIVER", List.of("chromedriver"), reasons);
        if (chromium.isEmpty() || chromedriver.isEmpty()) {
            return FixtureRequirement.unavailable("browser", "no headless browser: " + String.join("; ", reasons)
                    + " (install Debian's chromium and chromium-driver)");
        }
        Path profile;
        try {
            profile = Files.createTempDirectory("chromium-profile");
            Files.createDirectories(screenshots);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        ChromeOptions options = new ChromeOptions();
        options.setBinary(chromium.get().toFile());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update",
                "--disable-sync", "--disable-extensions", "--user-data-dir=" + profile,
                "--window-size=" + width + "," + height, "--user-agent=" + DESKTOP_CHROME_UA);
        options.setExperimentalOption("prefs", Map.of("download.default_directory", profile.resolve("downloads").toString()));
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(chromedriver.get().toFile()).usingAnyFreePort().build();
        try {
            ChromeDriver driver = new ChromeDriver(service, options);
            driver.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(30)).scriptTimeout(Duration.ofSeconds(30));
            return new Browser(driver, profile, screenshots);
        } catch (RuntimeException e) {
            return FixtureRequirement.unavailable("browser", "chromium did not start: " + e.getMessage().lines().findFirst().orElse(""));
        }
    }

    public ChromeDriver driver() {
        return driver;
    }

    /** Where downloads (e.g. a CSV export) land. */
    public Path downloads() {
        return profile.resolve("downloads");
    }

    /** Saves a PNG of the viewport as {@code <name>.png} in the screenshot folder. */
    public Path screenshot(String name) {
        Path file = screenshots.resolve(name + ".png");
        try {
            Files.write(file, driver.getScreenshotAs(OutputType.BYTES));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return file;
    }

    @Override
    public void close() {
        try {
            driver.quit();
        } finally {
            deleteQuietly(profile);
        }
    }

    private static Optional<Path> find(String variable, List<String> names, List<String> reasons) {
        String configured = System.getenv(variable);
        if (configured != null && !configured.isBlank()) {
            Path path = Path.of(configured);
            if (Files.isExecutable(path)) {
                return Optional.of(path);
            }
            reasons.add(variable + "=" + configured + " is not executable");
            return Optional.empty();
        }
        String pathVariable = Optional.ofNullable(System.getenv("PATH")).orElse("/usr/bin:/bin");
        for (String name : names) {
            for (String dir : pathVariable.split(":")) {
                Path candidate = Path.of(dir, name);
                if (Files.isExecutable(candidate)) {
                    return Optional.of(candidate);
                }
            }
        }
        reasons.add("no " + names.get(0) + " on the PATH");
        return Optional.empty();
    }

    private static void deleteQuietly(Path dir) {
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException | UncheckedIOException e) {
            // a leftover temporary profile is harmless
        }
    }
}
