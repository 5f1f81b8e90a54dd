package app.tax.analytics.bootstrap.browser;

import static app.tax.analytics.bootstrap.browser.SdkTestSite.await;
import static org.assertj.core.api.Assertions.assertThat;

import app.tax.analytics.bootstrap.browser.SdkTestSite.GateAnswer;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** How the SDK answers refusals: a 4xx other than 429 drops the batch, 429 waits for Retry-After and retries. */
@ExtendWith(SdkTestSite.Shared.class)
class SdkRetryTest {
    private static final String SOURCE = "retry";
    private SdkTestSite site;

    @BeforeEach
    void start(SdkTestSite shared) {
        site = shared;
        site.startFresh();
    }

    @Test
    void aBatchRefusedWithA400IsDroppedAndNotRetried() {
        site.refuseWith(400);
        site.open(SOURCE, "/malformed/", site.throughGate());
        site.awaitSdk();
        site.script("analytics.flush();");
        await("the refusal", () -> site.gateStatuses().contains(400));
        site.awaitQueueEmpty();

        site.forward();
        site.script("analytics.track('After The Refusal'); analytics.flush();");
        await("the next batch accepted", () -> site.gateStatuses().contains(200));

        assertThat(site.gateStatuses()).containsExactly(400, 200);
        assertThat(site.sentEvents()).extracting(e -> e.get("type").asText() + " " + e.path("event").asText())
                .as("the refused page view and queued call were not sent again")
                .containsExactly("page ", "track Queued Before Load", "track After The Refusal");
    }

    @Test
    void aBatchRefusedWith429IsRetriedNoSoonerThanRetryAfter() {
        site.refuseWith(429);
        site.open(SOURCE, "/limited/", site.throughGate());
        site.awaitSdk();
        site.script("analytics.flush();");
        await("the refusal", () -> site.gateStatuses().contains(429));
        site.forward();
        await("the retry accepted", () -> site.gateStatuses().contains(200));
        site.awaitQueueEmpty();

        List<GateAnswer> answers = site.gateAnswers;
        GateAnswer lastRefusal = answers.get(answers.size() - 2);
        GateAnswer accepted = answers.get(answers.size() - 1);
        assertThat(lastRefusal.status()).isEqualTo(429);
        assertThat(Duration.between(lastRefusal.at(), accepted.at())).as("Retry-After: 1").isGreaterThanOrEqualTo(Duration.ofMillis(950));
        assertThat(SdkPageViewsTest.distinct(site.sentEvents())).as("the same two events, with the same messageIds")
                .hasSize(2).hasSizeLessThan(site.sentEvents().size());
        await("the page view stored", () -> site.breakdown(SOURCE, "page", "pageviews").getOrDefault("/limited/", 0L) == 1L);
    }
}
