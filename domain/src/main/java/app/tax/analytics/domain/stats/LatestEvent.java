package app.tax.analytics.domain.stats;

import java.time.Instant;
import java.util.Objects;

/**
 * One recent event for the realtime view.
 *
 * @param type    the wire name of the event type (page, track, ...)
 * @param name    what to show: a track's event name, a page's path (its name without a path), a screen's name
 * @param path    the page path, null when there is none
 * @param country ISO code, null when unknown
 * @param device  desktop, mobile, tablet ... or null
 */
public record LatestEvent(Instant timestamp, String type, String name, String path, String country, String device) {
    public LatestEvent {
        Objects.requireNonNull(timestamp, "timestamp");
        Objects.requireNonNull(type, "type");
    }

    /** From the stored columns: picks the name to show by the event's type. */
    public static LatestEvent of(Instant timestamp, String type, String eventName, String pageName, String path,
                                 String country, String device) {
        String name;
        switch (type) {
            case "track":
                name = eventName;
                break;
            case "page":
                name = path != null ? path : pageName;
                break;
            case "screen":
                name = pageName;
                break;
            default:
                name = null;
        }
        return new LatestEvent(timestamp, type, name, path, country, device);
    }
}
