package app.tax.analytics.bootstrap.browser;

import static app.tax.analytics.bootstrap.browser.SdkTestSite.await;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The SDK's opt-in auto-tracking in headless Chromium (docs/SDK.md): outbound link clicks, file downloads, 404
 * pages and hash routes arrive as ordinary events; engagement reports (visible time, scroll depth) arrive but
 * leave the stats as they were.
 */
@ExtendWith(SdkTestSite.Shared.class)
class SdkAutoTrackingTest {
    private static final String AUTO = "auto";
    private static final String ENGAGED = "engaged";
    static SdkTestSite site;

    @BeforeAll
    static void start(SdkTestSite shared) {
        site = shared;
    }

    @Test
    void outboundClicksDownloadsAndA404PageAreTrackedWithTheirUrl() {
        site.startFresh();
        site.open(AUTO, "/no-such-page", "data-404 data-outbound-links data-file-downloads");
        site.awaitSdk();
        // links that do not navigate, so the page stays to be read; the SDK listens before them
        site.script("['https://guides.example.org/filing', '/files/return-2025.PDF', '/about'].forEach(function (href) {"
                + " var a = document.createElement('a'); a.href = href; a.textContent = href;"
                + " a.addEventListener('click', function (e) { e.preventDefault(); });"
                + " document.body.appendChild(a); a.click(); });"
                + "analytics.flush();");
        await("five events sent", () -> site.sentEvents().size() >= 5);
        site.awaitQueueEmpty();

        List<JsonNode> sent = SdkPageViewsTest.distinct(site.sentEvents());
        assertThat(sent).extracting(e -> e.get("type").asText() + " " + e.path("event").asText())
                .containsExactly("page ", "track 404", "track Queued Before Load", "track Outbound Link: Click", "track File Download");
        assertThat(sent.get(1).at("/properties/path").asText()).isEqualTo("/no-such-page");
        assertThat(sent.get(3).at("/properties/url").asText()).isEqualTo("https://guides.example.org/filing");
        assertThat(sent.get(4).at("/properties/url").asText()).isEqualTo(site.origin() + "/files/return-2025.PDF");

        await("the store to hold the five events", () -> site.overview(AUTO).get("events").asLong() == 5);
        assertThat(site.breakdown(AUTO, "event", "events"))
                .isEqualTo(Map.of("404", 1L, "Queued Before Load", 1L, "Outbound Link: Click", 1L, "File Download", 1L));
        // page views carry their url too
        assertThat(site.breakdown(AUTO, "prop:url", "events")).containsEntry("https://guides.example.org/filing", 1L)
                .containsEntry(site.origin() + "/files/return-2025.PDF", 1L);
    }

    @Test
    void hashRoutesAreThePathWithDataHashRouting() {
        site.startFresh();
        site.open(AUTO, "/app/", "data-hash-routing");
        site.awaitSdk();
        site.script("location.hash = '#/returns';");
        await("the first route's view", () -> site.sentEvents().stream().filter(e -> e.get("type").asText().equals("page")).count() >= 2);
        site.script("location.hash = '#/returns/2025'; setTimeout(function () { analytics.flush(); }, 100);");
        await("three page views sent", () -> site.sentEvents().stream().filter(e -> e.get("type").asText().equals("page")).count() >= 3);
        site.awaitQueueEmpty();

        assertThat(SdkPageViewsTest.distinct(site.sentEvents())).filteredOn(e -> e.get("type").asText().equals("page"))
                .extracting(e -> e.at("/context/page/path").asText()).containsExactly("/app/", "/app/#/returns", "/app/#/returns/2025");
        await("the routes in the page breakdown", () -> site.breakdown(AUTO, "page", "pageviews").containsKey("/app/#/returns/2025"));
        assertThat(site.breakdown(AUTO, "page", "pageviews")).containsEntry("/app/#/returns", 1L).containsEntry("/app/", 1L);
    }

    @Test
    void engagementIsReportedPerPageAndLeavesTheStatsAlone() throws InterruptedException {
        site.startFresh();
        site.open(ENGAGED, "/article", "data-engagement " + site.throughGate());
        site.awaitSdk();
        site.script("document.body.style.height = '6000px'; window.scrollTo(0, 1500);");
        Thread.sleep(1200);
        // a single-page-app navigation reports the time on the page left, then views the next one
        site.script("history.pushState({}, '', '/next'); analytics.flush();");
        await("the article's engagement sent", () -> engagement(site.sentEvents(), "/article").isPresent());
        JsonNode article = engagement(site.sentEvents(), "/article").orElseThrow();
        assertThat(article.at("/properties/engagedMs").asLong()).isBetween(1000L, 30_000L);
        assertThat(article.at("/properties/scrollDepth").asInt()).isBetween(25, 50);
        site.awaitQueueEmpty();

        Thread.sleep(1100);
        // leaving the page: the report goes out by beacon
        site.browser().driver().get(site.origin() + "/blank");
        await("the next page's engagement at the gate", () -> engagement(site.gateEvents, "/next").isPresent());
        assertThat(engagement(site.gateEvents, "/next").orElseThrow().at("/properties/engagedMs").asLong()).isGreaterThanOrEqualTo(1000);

        // a later page load: once its events are in the store, the reports before it are too
        site.open(ENGAGED, "/done", site.throughGate());
        site.awaitSdk();
        site.script("analytics.flush();");
        site.awaitQueueEmpty();
        // article, next and done views, the queued track of each page load: not the two reports
        await("the five events in the store", () -> site.overview(ENGAGED).get("events").asLong() == 5);
        assertThat(site.overview(ENGAGED).get("sessions").asLong()).isEqualTo(1);
        assertThat(site.breakdown(ENGAGED, "event", "events")).isEqualTo(Map.of("Queued Before Load", 2L));
        assertThat(site.gateStatuses()).containsOnly(200);
    }

    private static Optional<JsonNode> engagement(List<JsonNode> events, String path) {
        return events.stream().filter(e -> e.path("event").asText().equals("$engagement")
                && e.at("/context/page/path").asText().equals(path)).findFirst();
    }
}
