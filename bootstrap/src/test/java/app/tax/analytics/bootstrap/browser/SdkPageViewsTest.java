package app.tax.analytics.bootstrap.browser;

import static app.tax.analytics.bootstrap.browser.SdkTestSite.await;
import static org.assertj.core.api.Assertions.assertThat;

import app.tax.analytics.testsupport.browser.Browser;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The SDK in headless Chromium on a site of its own origin: automatic and single-page-app page views, calls
 * queued before load, track and identify, all arriving in the store with the fields the dashboard counts by.
 */
@ExtendWith(SdkTestSite.Shared.class)
class SdkPageViewsTest {
    private static final String SOURCE = "shop";
    static SdkTestSite site;

    @BeforeAll
    static void start(SdkTestSite shared) {
        site = shared;
        site.startFresh();
    }

    @Test
    void pageViewsWithSpaNavigationTrackAndIdentifyArriveWithTheirFields() {
        site.open(SOURCE, "/shop/?utm_source=newsletter&utm_medium=email&utm_campaign=spring-filing", "");
        site.awaitSdk();
        site.script("history.pushState({}, '', '/shop/cart');"
                + "history.pushState({}, '', '/shop/checkout');"
                // the same URL again (routers do this) is not another view
                + "history.replaceState({step: 2}, '', '/shop/checkout');"
                + "history.pushState({}, '', '/shop/checkout');"
                + "analytics.track('Return Filed', {year: 2025});"
                + "analytics.identify('user-42', {plan: 'pro'});"
                + "analytics.flush();");
        await("six events sent", () -> distinct(site.sentEvents()).size() >= 6);
        site.browser().screenshot("sdk-shop-checkout");

        List<JsonNode> sent = distinct(site.sentEvents());
        assertThat(sent).extracting(e -> e.get("type").asText())
                .containsExactly("page", "track", "page", "page", "track", "identify");
        assertThat(sent).extracting(e -> e.at("/context/page/path").asText())
                .containsExactly("/shop/", "/shop/", "/shop/cart", "/shop/checkout", "/shop/checkout", "/shop/checkout");
        assertThat(sent.get(1).get("event").asText()).isEqualTo("Queued Before Load");
        assertThat(sent.get(4).get("event").asText()).isEqualTo("Return Filed");
        assertThat(sent.get(4).at("/properties/year").asInt()).isEqualTo(2025);
        assertThat(sent.get(5).get("userId").asText()).isEqualTo("user-42");
        assertThat(sent.get(5).at("/traits/plan").asText()).isEqualTo("pro");

        String anonymousId = (String) site.script("return JSON.parse(localStorage.getItem('taxa_id')).a");
        assertThat(anonymousId).isNotBlank();
        assertThat(sent).allSatisfy(event -> {
            assertThat(event.get("anonymousId").asText()).isEqualTo(anonymousId);
            assertThat(event.get("timestamp").asText()).isNotBlank();
            assertThat(event.at("/context/userAgent").asText()).isEqualTo(Browser.DESKTOP_CHROME_UA);
            assertThat(event.at("/context/library/name").asText()).isEqualTo("tax-analytics.js");
            assertThat(event.at("/context/timezone").asText()).isNotBlank();
            assertThat(event.at("/context/locale").asText()).isNotBlank();
            assertThat(event.at("/context/screen/width").asInt()).isPositive();
        });
        assertThat(sent).extracting(e -> e.at("/context/sessionId").asText()).containsOnly(sent.get(0).at("/context/sessionId").asText())
                .doesNotContain("");
        assertThat(sent.get(0).at("/context/campaign").toString())
                .isEqualTo("{\"source\":\"newsletter\",\"medium\":\"email\",\"name\":\"spring-filing\"}");
        assertThat(sent.get(0).at("/context/page/title").asText()).isEqualTo("Tax app");

        await("the store to hold the six events", () -> site.overview(SOURCE).get("events").asLong() == 6);
        JsonNode overview = site.overview(SOURCE);
        assertThat(overview.get("pageviews").asLong()).isEqualTo(3);
        assertThat(overview.get("visitors").asLong()).isEqualTo(1);
        assertThat(overview.get("sessions").asLong()).isEqualTo(1);
        assertThat(site.breakdown(SOURCE, "page", "pageviews"))
                .isEqualTo(Map.of("/shop/", 1L, "/shop/cart", 1L, "/shop/checkout", 1L));
        assertThat(site.breakdown(SOURCE, "utm_campaign", "visitors")).containsEntry("spring-filing", 1L);

        site.awaitQueueEmpty();
        // a new page load of the same browser: the same visitor, session and user
        site.open(SOURCE, "/shop/receipt", "");
        site.awaitSdk();
        site.script("analytics.flush();");
        await("the receipt's page view sent", () -> site.sentEvents().stream()
                .anyMatch(e -> e.at("/context/page/path").asText().equals("/shop/receipt")));
        JsonNode receipt = site.sentEvents().get(0);
        assertThat(receipt.get("anonymousId").asText()).isEqualTo(anonymousId);
        assertThat(receipt.at("/context/sessionId").asText()).isEqualTo(sent.get(0).at("/context/sessionId").asText());
        assertThat(receipt.get("userId").asText()).isEqualTo("user-42");
        site.awaitQueueEmpty();
    }

    /** The events once each: a retried batch is sent again with the same messageIds. */
    static List<JsonNode> distinct(List<JsonNode> events) {
        return events.stream().collect(Collectors.toMap(e -> e.get("messageId").asText(), e -> e, (a, b) -> a,
                LinkedHashMap::new)).values().stream().toList();
    }
}
