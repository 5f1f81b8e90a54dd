package app.tax.analytics.domain.event;

import java.util.Map;
import java.util.Objects;

/**
 * The parts of a Segment {@code context} the pipeline understands, plus the raw object for everything
 * else (screen, library, app, device ...), kept as sent.
 *
 * @param ip        client IP: {@code context.ip} when the SDK sent one, otherwise the request's address
 * @param sessionId the SDK's session id ({@code context.sessionId}), or null to let the processor derive one
 */
public record EventContext(
        String ip,
        String userAgent,
        PageInfo page,
        Campaign campaign,
        String locale,
        String timezone,
        String sessionId,
        String libraryName,
        String libraryVersion,
        Map<String, Object> raw) {

    public static final EventContext EMPTY =
            new EventContext(null, null, PageInfo.EMPTY, Campaign.EMPTY, null, null, null, null, null, Map.of());

    public EventContext {
        page = Objects.requireNonNullElse(page, PageInfo.EMPTY);
        campaign = Objects.requireNonNullElse(campaign, Campaign.EMPTY);
        raw = raw == null ? Map.of() : JsonValues.immutableCopy(raw);
    }

    /** The app, OS, device and network a mobile library described ({@code context.app} etc.). */
    public AppContext app() {
        return AppContext.of(raw);
    }

    public EventContext withIp(String newIp) {
        return new EventContext(newIp, userAgent, page, campaign, locale, timezone, sessionId, libraryName, libraryVersion, raw);
    }
}
