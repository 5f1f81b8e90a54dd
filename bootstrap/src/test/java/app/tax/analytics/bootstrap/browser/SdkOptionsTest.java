package app.tax.analytics.bootstrap.browser;

import static app.tax.analytics.bootstrap.browser.SdkTestSite.await;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The SDK's data- attribute options in headless Chromium: excluded paths, automatic page views off, the release. */
@ExtendWith(SdkTestSite.Shared.class)
class SdkOptionsTest {
    private static final String SOURCE = "options";
    static SdkTestSite site;

    @BeforeAll
    static void start(SdkTestSite shared) {
        site = shared;
        site.startFresh();
    }

    @Test
    void excludedPathsSendNothing() {
        site.open(SOURCE, "/admin/settings", "data-exclude=\"/admin/*,/internal\"");
        site.awaitSdk();
        site.script("history.pushState({}, '', '/internal'); history.pushState({}, '', '/admin/users');"
                + "analytics.track('Admin Click'); history.pushState({}, '', '/help'); analytics.flush();");
        await("the help page's view sent", () -> !site.sentEvents().isEmpty());
        site.awaitQueueEmpty();

        assertThat(site.sentEvents()).extracting(e -> e.at("/context/page/path").asText()).containsExactly("/help");
    }

    @Test
    void theReleaseGoesWithEveryEvent() {
        site.open(SOURCE, "/released", "data-release=\"2026.11.2\"");
        site.awaitSdk();
        site.script("analytics.track('Clicked'); analytics.flush();");
        await("both events sent", () -> site.sentEvents().size() >= 2);
        site.awaitQueueEmpty();

        assertThat(site.sentEvents()).extracting(e -> e.at("/context/release").asText()).containsOnly("2026.11.2");
    }

    @Test
    void automaticPageViewsCanBeTurnedOff() {
        site.open(SOURCE, "/manual", "data-auto-page=\"false\"");
        site.awaitSdk();
        site.script("history.pushState({}, '', '/manual/next'); analytics.page(); analytics.flush();");
        await("the page call sent", () -> site.sentEvents().stream().anyMatch(e -> e.get("type").asText().equals("page")));
        site.awaitQueueEmpty();

        assertThat(site.sentEvents()).extracting(e -> e.get("type").asText() + " " + e.at("/context/page/path").asText())
                .containsExactly("track /manual", "page /manual/next");
    }

    @Test
    void theGlobalPrivacyControlSignalStopsEverythingUnlessTheSiteOptsOut() {
        site.startFresh();
        site.open(SOURCE, "/private-by-choice/?gpc=1", "");
        site.awaitSdk();
        site.script("analytics.track('Tracked Anyway'); analytics.identify('user-9', {plan: 'pro'}); analytics.flush();");

        assertThat(site.sentEvents()).isEmpty();
        assertThat(site.script("return localStorage.length")).as("nothing queued, no ids made").isEqualTo(0L);

        site.open(SOURCE, "/signal-ignored/?gpc=1", "data-respect-dnt=\"false\"");
        site.awaitSdk();
        site.script("analytics.flush();");
        await("the page view sent", () -> !site.sentEvents().isEmpty());
        site.awaitQueueEmpty();
        assertThat(site.sentEvents()).extracting(e -> e.at("/context/page/path").asText()).contains("/signal-ignored/");
    }
}
