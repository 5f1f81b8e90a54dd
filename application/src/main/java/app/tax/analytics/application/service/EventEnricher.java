package app.tax.analytics.application.service;

import app.tax.analytics.application.port.out.GeoLocator;
import app.tax.analytics.application.port.out.SessionState;
import app.tax.analytics.application.port.out.UserAgentParser;
import app.tax.analytics.domain.enrich.DeviceInfo;
import app.tax.analytics.domain.enrich.EnrichedEvent;
import app.tax.analytics.domain.enrich.GeoLocation;
import app.tax.analytics.domain.enrich.IpAnonymization;
import app.tax.analytics.domain.event.Campaign;
import app.tax.analytics.domain.event.Event;
import app.tax.analytics.domain.session.SessionActivity;
import app.tax.analytics.domain.session.SessionRule;
import app.tax.analytics.domain.traffic.ChannelClassifier;
import app.tax.analytics.domain.traffic.ReferrerSpam;
import app.tax.analytics.domain.traffic.TrafficSource;
import app.tax.analytics.domain.traffic.UrlParts;
import app.tax.analytics.domain.traffic.Utm;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Adds to events what the dashboard groups by: location (before the IP is anonymized), device, page
 * host and path, referrer and channel, UTM parameters, and the session. Referrer spam is flagged as bot traffic.
 */
public final class EventEnricher {
    private final GeoLocator geoLocator;
    private final UserAgentParser userAgentParser;
    private final SessionState sessions;
    private final SessionRule sessionRule;
    private final IpAnonymization ipAnonymization;

    public EventEnricher(GeoLocator geoLocator, UserAgentParser userAgentParser, SessionState sessions,
                         SessionRule sessionRule, IpAnonymization ipAnonymization) {
        this.geoLocator = Objects.requireNonNull(geoLocator);
        this.userAgentParser = Objects.requireNonNull(userAgentParser);
        this.sessions = Objects.requireNonNull(sessions);
        this.sessionRule = Objects.requireNonNull(sessionRule);
        this.ipAnonymization = Objects.requireNonNull(ipAnonymization);
    }

    /**
     * Enriches a batch, assigning sessions in order of (corrected) event time so that out-of-order
     * delivery within the batch does not split sessions. The result keeps that time order.
     */
    public List<EnrichedEvent> enrich(List<Event> events) {
        List<Event> ordered = new ArrayList<>(events);
        ordered.sort(Comparator.comparing(Event::timestamp).thenComparing(Event::messageId));
        List<EnrichedEvent> enriched = new ArrayList<>(ordered.size());
        Map<String, SessionActivity> lateSessions = new HashMap<>();
        for (Event event : ordered) {
            enriched.add(enrich(event, lateSessions));
        }
        return enriched;
    }

    EnrichedEvent enrich(Event event) {
        return enrich(event, new HashMap<>());
    }

    /**
     * @param lateSessions sessions of this batch that are older than the visitor's current one (late
     *                     deliveries, entries claimed from a dead consumer): not saved, but the batch's
     *                     later events of such a session must join it rather than each start another
     */
    private EnrichedEvent enrich(Event event, Map<String, SessionActivity> lateSessions) {
        String ip = event.context().ip();
        GeoLocation geo = ip == null ? GeoLocation.UNKNOWN : geoLocator.locate(ip);
        String referrer = event.context().page().referrer();
        DeviceInfo parsedDevice = userAgentParser.parse(event.context().userAgent()).withAppContext(event.context().app());
        // referrer spam comes from scripts dressed as browsers: their user agent alone looks human
        DeviceInfo device = ReferrerSpam.isSpam(UrlParts.parse(referrer).host()) ? parsedDevice.asBot() : parsedDevice;
        String pageUrl = event.context().page().url();
        UrlParts page = UrlParts.parse(pageUrl);
        String givenPath = event.context().page().path();
        // the URL's path, unless the client gave none in the URL or kept a hash route ("/#/settings": data-hash-routing)
        if (givenPath != null && (page.path() == null || givenPath.startsWith(page.path() + "#"))) {
            page = new UrlParts(page.host(), givenPath, page.query());
        }
        Campaign campaign = Utm.resolve(event.context().campaign(), pageUrl);
        TrafficSource traffic = ChannelClassifier.classify(referrer, page.host(), campaign);
        String visitorId = event.visitorId();
        String sessionId = session(event, visitorId, lateSessions);
        Event anonymized = event.withContext(event.context().withIp(ipAnonymization.apply(ip)));
        return new EnrichedEvent(anonymized, visitorId, sessionId, geo, device, page, traffic, campaign);
    }

    private String session(Event event, String visitorId, Map<String, SessionActivity> lateSessions) {
        String sdkSession = event.context().sessionId();
        if (sdkSession != null) {
            // Scoped to the visitor: SDKs that use a timestamp as session id would otherwise merge visitors.
            return SessionRule.sdkSessionId(event.source(), visitorId, sdkSession);
        }
        String lateKey = event.source() + '\n' + visitorId;
        Optional<SessionActivity> current = sessions.current(event.source(), visitorId);
        Optional<SessionActivity> late = Optional.ofNullable(lateSessions.get(lateKey))
                .filter(s -> sessionRule.continues(s, event.timestamp()));
        SessionActivity next = current.filter(s -> sessionRule.continues(s, event.timestamp()))
                .or(() -> late)
                .map(s -> s.including(event.timestamp()))
                .orElseGet(() -> new SessionActivity(
                        SessionRule.sessionId(event.source(), visitorId, event.timestamp()),
                        event.timestamp(), event.timestamp()));
        // A late event from an older session must not replace the visitor's newer session.
        boolean older = current.isPresent() && !current.get().sessionId().equals(next.sessionId())
                && next.lastActivity().isBefore(current.get().firstActivity());
        if (older) {
            lateSessions.put(lateKey, next);
        } else {
            sessions.save(event.source(), visitorId, next, sessionRule.timeout().multipliedBy(2));
        }
        return next.sessionId();
    }
}
