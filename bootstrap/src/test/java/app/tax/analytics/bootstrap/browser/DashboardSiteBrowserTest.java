package app.tax.analytics.bootstrap.browser;

import app.tax.analytics.testsupport.browser.Browser;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * What the dashboard's browser tests start from: a desktop Chromium and a {@link DashboardSite} with its dataset in a
 * temporary folder, made once for a test class and closed after its tests.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class DashboardSiteBrowserTest {
    DashboardSite site;
    Browser browser;
    DashboardPage dashboard;

    @BeforeAll
    void startSiteAndBrowser(@TempDir Path dataDir) {
        // the browser first: without one the tests are skipped before a service is started
        browser = DashboardSite.openDesktopBrowser();
        site = new DashboardSite(dataDir, siteOptions());
        prepare(site);
        dashboard = new DashboardPage(browser, site.url());
    }

    /** Options of the site's {@code all} beyond the usual ones (a test's mail server, say); none by default. */
    String[] siteOptions() {
        return new String[0];
    }

    /** What a test class adds to the site before its tests run; nothing by default. */
    void prepare(DashboardSite site) {
    }

    @AfterAll
    void stopSiteAndBrowser() {
        if (browser != null) {
            browser.close();
        }
        if (site != null) {
            site.close();
        }
    }
}
