package app.tax.analytics.domain.enrich;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import app.tax.analytics.domain.event.Campaign;
import app.tax.analytics.domain.event.Envelope;
import app.tax.analytics.domain.event.Event;
import app.tax.analytics.domain.event.EventType;
import app.tax.analytics.domain.traffic.TrafficSource;
import app.tax.analytics.domain.traffic.UrlParts;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class EnrichedEventTest {
    private static final Instant T = Instant.parse("2026-03-10T12:00:00Z");
    private static final Event EVENT = new Event("web", EventType.PAGE, "m", "u", null, T, null, null, T, null, null, null,
            null, null, null, null);

    @Test
    void missingEnrichmentsMeanUnknown() {
        EnrichedEvent enriched = new EnrichedEvent(EVENT, "u", "s", null, null, null, null, null);

        assertThat(enriched.geo()).isEqualTo(GeoLocation.UNKNOWN);
        assertThat(enriched.device()).isEqualTo(DeviceInfo.UNKNOWN);
        assertThat(enriched.page()).isEqualTo(UrlParts.EMPTY);
        assertThat(enriched.traffic()).isEqualTo(TrafficSource.DIRECT);
        assertThat(enriched.campaign()).isEqualTo(Campaign.EMPTY);
    }

    @Test
    void eventVisitorAndSessionAreRequired() {
        assertThatThrownBy(() -> new EnrichedEvent(null, "u", "s", null, null, null, null, null)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> new EnrichedEvent(EVENT, null, "s", null, null, null, null, null)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> new EnrichedEvent(EVENT, "u", null, null, null, null, null, null)).isInstanceOf(NullPointerException.class);
    }

    @Test
    void aBotKeepsWhatIsKnownButIsABot() {
        DeviceInfo chrome = new DeviceInfo("Chrome", "131", "Linux", null, DeviceType.DESKTOP, false);

        assertThat(chrome.asBot()).isEqualTo(new DeviceInfo("Chrome", "131", "Linux", null, DeviceType.BOT, true));
        assertThat(new DeviceInfo(null, null, null, null, null, false).deviceType()).isEqualTo(DeviceType.UNKNOWN);
        assertThat(DeviceType.TABLET.wireName()).isEqualTo("tablet");
    }

    @Test
    void anEnvelopeNeedsSourceAndReceiveTime() {
        assertThat(new Envelope("web", T, null, null).batchContext()).isEmpty();
        assertThatThrownBy(() -> new Envelope(null, T, null, null)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> new Envelope("web", null, null, null)).isInstanceOf(NullPointerException.class);
    }
}
