package app.tax.analytics.bootstrap.browser;

import static app.tax.analytics.bootstrap.browser.SdkTestSite.await;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The SDK's data- attribute options in headless Chromium: excluded paths, automatic page views off. */
class SdkOptionsTest {
    @TempDir
    static Path dataDir;
    static SdkTestSite site;

    @BeforeAll
    static void start() {
        site = new SdkTestSite(dataDir);
    }

    @AfterAll
    static void stop() {
        if (site != null) {
            site.close();
        }
    }

    @Test
    void excludedPathsSendNothing() {
        site.open("/admin/settings", "data-exclude=\"/admin/*,/internal\"");
        site.awaitSdk();
        site.script("history.pushState({}, '', '/internal'); history.pushState({}, '', '/admin/users');"
                + "analytics.track('Admin Click'); history.pushState({}, '', '/help'); analytics.flush();");
        await("the help page's view sent", () -> !site.sentEvents().isEmpty());
        site.awaitQueueEmpty();

        assertThat(site.sentEvents()).extracting(e -> e.at("/context/page/path").asText()).containsExactly("/help");
    }

    @Test
    void automaticPageViewsCanBeTurnedOff() {
        site.open("/manual", "data-auto-page=\"false\"");
        site.awaitSdk();
        site.script("history.pushState({}, '', '/manual/next'); analytics.page(); analytics.flush();");
        await("the page call sent", () -> site.sentEvents().stream().anyMatch(e -> e.get("type").asText().equals("page")));
        site.awaitQueueEmpty();

        assertThat(site.sentEvents()).extracting(e -> e.get("type").asText() + " " + e.at("/context/page/path").asText())
                .containsExactly("track /manual", "page /manual/next");
    }
}
