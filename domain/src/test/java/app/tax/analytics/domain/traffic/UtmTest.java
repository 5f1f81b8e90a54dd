package app.tax.analytics.domain.traffic;

import static org.assertj.core.api.Assertions.assertThat;

import app.tax.analytics.domain.event.Campaign;
import org.junit.jupiter.api.Test;

class UtmTest {
    private static final String URL = "https://tax.example/?utm_source=newsletter&utm_medium=email&utm_campaign=spring+filing"
            + "&utm_term=%20returns%20&utm_content=";

    @Test
    void withoutAContextCampaignTheUrlsParametersAreUsed() {
        assertThat(Utm.resolve(null, URL)).isEqualTo(new Campaign("newsletter", "email", "spring filing", "returns", null));
        assertThat(Utm.resolve(Campaign.EMPTY, URL)).isEqualTo(new Campaign("newsletter", "email", "spring filing", "returns", null));
    }

    @Test
    void theContextCampaignWinsFieldByField() {
        Campaign fromContext = new Campaign("partner", null, "launch", null, "banner");

        assertThat(Utm.resolve(fromContext, URL)).isEqualTo(new Campaign("partner", "email", "launch", "returns", "banner"));
    }

    @Test
    void noUrlAndNoContextGiveAnEmptyCampaign() {
        assertThat(Utm.resolve(null, null)).isEqualTo(Campaign.EMPTY);
        assertThat(Utm.resolve(null, "https://tax.example/?ref=x")).matches(Campaign::isEmpty);
    }

    @Test
    void campaignOrElseAndIsEmpty() {
        Campaign partial = new Campaign("a", null, null, null, null);

        assertThat(partial.isEmpty()).isFalse();
        assertThat(Campaign.EMPTY.isEmpty()).isTrue();
        assertThat(partial.orElse(new Campaign("x", "m", "n", "t", "c"))).isEqualTo(new Campaign("a", "m", "n", "t", "c"));
    }
}
