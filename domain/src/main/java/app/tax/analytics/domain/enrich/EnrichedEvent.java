package app.tax.analytics.domain.enrich;

import app.tax.analytics.domain.event.Campaign;
import app.tax.analytics.domain.event.Event;
import app.tax.analytics.domain.traffic.TrafficSource;
import app.tax.analytics.domain.traffic.UrlParts;
import java.util.Objects;

/**
 * An event with everything the processor added: the row the stores write.
 *
 * @param event     the event; its {@code context.ip} already anonymized as configured
 * @param visitorId who it counts for (see {@link Event#visitorId()}, or a cookieless hash)
 * @param sessionId the session it belongs to
 * @param page      host and path of the page URL
 * @param traffic   referrer domain and channel
 * @param campaign  resolved UTM parameters
 */
public record EnrichedEvent(Event event, String visitorId, String sessionId, GeoLocation geo, DeviceInfo device,
                            UrlParts page, TrafficSource traffic, Campaign campaign) {
    public EnrichedEvent {
        Objects.requireNonNull(event, "event");
        Objects.requireNonNull(visitorId, "visitorId");
        Objects.requireNonNull(sessionId, "sessionId");
        geo = Objects.requireNonNullElse(geo, GeoLocation.UNKNOWN);
        device = Objects.requireNonNullElse(device, DeviceInfo.UNKNOWN);
        page = Objects.requireNonNullElse(page, UrlParts.EMPTY);
        traffic = Objects.requireNonNullElse(traffic, TrafficSource.DIRECT);
        campaign = Objects.requireNonNullElse(campaign, Campaign.EMPTY);
    }
}
