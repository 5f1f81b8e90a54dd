package app.tax.analytics.bootstrap.browser;

import static app.tax.analytics.bootstrap.browser.SdkTestSite.await;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The SDK keeps what the collector refused (503 + Retry-After) in its stored queue across a reload, and
 * delivers all of it, once, when the collector is back. The SDK sends through the test site's gate, which
 * answers 503 while the collector is "down" and forwards to the real collector otherwise.
 */
@ExtendWith(SdkTestSite.Shared.class)
class SdkOfflineReloadTest {
    private static final String SOURCE = "offline";
    static SdkTestSite site;

    @BeforeAll
    static void start(SdkTestSite shared) {
        site = shared;
        site.startFresh();
    }

    @Test
    void aReloadWhileTheCollectorIsDownLosesNothingOnceItIsBack() {
        site.refuseWith(503);
        site.open(SOURCE, "/filing/", site.throughGate());
        site.awaitSdk();
        site.script("analytics.track('Return Started'); analytics.flush();");
        await("the collector's first refusal", () -> site.gateStatuses().contains(503));
        assertThat(storedQueueLength()).as("page view, queued call, track").isEqualTo(3);

        int refusalsBeforeReload = site.gateAnswers.size();
        site.browser().driver().navigate().refresh();
        site.awaitSdk();
        await("the reloaded page to try again", () -> site.gateAnswers.size() > refusalsBeforeReload);
        assertThat(storedQueueLength()).as("the first page's three and the reloaded page's two").isEqualTo(5);
        assertThat(site.gateStatuses()).containsOnly(503);
        assertThat(site.overview(SOURCE).get("events").asLong()).isZero();

        site.forward();
        await("the five events stored", () -> site.overview(SOURCE).get("events").asLong() == 5);
        site.awaitQueueEmpty();

        JsonNode overview = site.overview(SOURCE);
        assertThat(overview.get("pageviews").asLong()).isEqualTo(2);
        assertThat(overview.get("visitors").asLong()).isEqualTo(1);
        assertThat(site.breakdown(SOURCE, "event", "events")).containsEntry("Return Started", 1L).containsEntry("Queued Before Load", 2L);
        assertThat(site.gateStatuses()).contains(200);
    }

    private static long storedQueueLength() {
        return (Long) site.script("return JSON.parse(localStorage.getItem('taxa_q') || '[]').length");
    }
}
