package app.tax.analytics.bootstrap.browser;

import static app.tax.analytics.bootstrap.browser.SdkTestSite.await;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * {@code data-cookieless}: the SDK stores nothing in the browser and sends no ids; the collector derives the
 * visitor from a daily salt, the IP and the user agent, so the visits still count.
 */
@ExtendWith(SdkTestSite.Shared.class)
class SdkCookielessTest {
    private static final String SOURCE = "private";
    static SdkTestSite site;

    @BeforeAll
    static void start(SdkTestSite shared) {
        site = shared;
        site.startFresh();
    }

    @Test
    void cookielessModeStoresNothingInTheBrowserAndSendsNoIds() {
        List<JsonNode> sent = visitInCookielessMode();

        assertThat(site.script("return localStorage.length")).isEqualTo(0L);
        assertThat(site.script("return sessionStorage.length")).isEqualTo(0L);
        assertThat(site.script("return document.cookie")).isEqualTo("");
        assertThat(site.browser().driver().manage().getCookies()).isEmpty();
        assertThat(sent).allSatisfy(event -> {
            assertThat(event.has("anonymousId")).isFalse();
            assertThat(event.has("userId")).isFalse();
            assertThat(event.at("/context/sessionId").isMissingNode()).isTrue();
            assertThat(event.at("/context/userAgent").asText()).isNotBlank();
        });
    }

    @Test
    void cookielessVisitsCountAsOneVisitorWithOneSession() {
        visitInCookielessMode();

        // without DailySalts the collector refuses events without ids (400), and the SDK drops them
        await("the cookieless events stored (the collector needs DailySalts to accept events without ids)",
                () -> site.overview(SOURCE).get("pageviews").asLong() >= 2);
        JsonNode overview = site.overview(SOURCE);
        assertThat(overview.get("visitors").asLong()).isEqualTo(1);
        assertThat(overview.get("sessions").asLong()).isEqualTo(1);
    }

    /** A page view, an SPA navigation, a track and an identify without a user id; returns what was sent. */
    private static List<JsonNode> visitInCookielessMode() {
        site.open(SOURCE, "/private/?utm_source=radio", "data-cookieless");
        site.awaitSdk();
        site.script("history.pushState({}, '', '/private/next'); analytics.track('Private Click');"
                + "analytics.identify({plan: 'free'}); analytics.flush();");
        await("the visit's events sent", () -> SdkPageViewsTest.distinct(site.sentEvents()).size() >= 5);
        List<JsonNode> sent = SdkPageViewsTest.distinct(site.sentEvents());
        assertThat(sent).extracting(e -> e.get("type").asText()).containsExactly("page", "track", "page", "track", "identify");
        return sent;
    }
}
