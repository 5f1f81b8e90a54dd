package app.tax.analytics.application.service;

import static org.assertj.core.api.Assertions.assertThat;

import app.tax.analytics.application.testing.Events;
import app.tax.analytics.application.testing.FixedGeoLocator;
import app.tax.analytics.application.testing.FixedUserAgentParser;
import app.tax.analytics.application.testing.InMemorySessionState;
import app.tax.analytics.domain.enrich.DeviceType;
import app.tax.analytics.domain.enrich.EnrichedEvent;
import app.tax.analytics.domain.enrich.GeoLocation;
import app.tax.analytics.domain.enrich.IpAnonymization;
import app.tax.analytics.domain.event.Campaign;
import app.tax.analytics.domain.event.Event;
import app.tax.analytics.domain.event.EventContext;
import app.tax.analytics.domain.event.PageInfo;
import app.tax.analytics.domain.session.SessionRule;
import app.tax.analytics.domain.traffic.Channel;
import app.tax.analytics.domain.traffic.TrafficSource;
import app.tax.analytics.domain.traffic.UrlParts;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class EventEnricherTest {
    private static final Instant T0 = Instant.parse("2026-03-10T10:00:00Z");

    private final FixedGeoLocator geo = new FixedGeoLocator();
    private final InMemorySessionState sessions = new InMemorySessionState();
    private EventEnricher enricher = enricher(IpAnonymization.TRUNCATE);

    private EventEnricher enricher(IpAnonymization anonymization) {
        return new EventEnricher(geo, new FixedUserAgentParser(), sessions, new SessionRule(SessionRule.DEFAULT_TIMEOUT),
                anonymization);
    }

    private static Instant at(String offset) {
        return T0.plus(Duration.parse("PT" + offset));
    }

    private EnrichedEvent one(Event event) {
        List<EnrichedEvent> enriched = enricher.enrich(List.of(event));
        assertThat(enriched).hasSize(1);
        return enriched.get(0);
    }

    private static Event withPage(String url, String path, String referrer, Campaign campaign) {
        Event event = Events.pageView("v", T0);
        EventContext context = event.context();
        return event.withContext(new EventContext(context.ip(), context.userAgent(), new PageInfo(url, path, referrer, null, null),
                campaign, null, null, null, null, null, Map.of()));
    }

    @Test
    void sessionsContinueAcrossBatchesWhileTheGapIsAtMostTheTimeout() {
        String first = one(Events.pageView("v", T0)).sessionId();
        String second = one(Events.pageView("v", at("20M"))).sessionId();
        String exactlyThirtyLater = one(Events.pageView("v", at("50M"))).sessionId();
        String oneMsTooLate = one(Events.pageView("v", at("80M0.001S"))).sessionId();

        assertThat(first).isEqualTo(SessionRule.sessionId("web", "v", T0));
        assertThat(second).isEqualTo(first);
        assertThat(exactlyThirtyLater).isEqualTo(first);
        assertThat(oneMsTooLate).isNotEqualTo(first).isEqualTo(SessionRule.sessionId("web", "v", at("80M0.001S")));
        assertThat(sessions.keepFors()).containsOnly(Duration.ofMinutes(60));
    }

    @Test
    void aBatchIsSessionizedInTimeOrderAndReturnedInTimeOrder() {
        Event late = Events.pageView("v", at("40M"));
        Event early = Events.pageView("v", T0);
        Event middle = Events.pageView("v", at("20M"));

        List<EnrichedEvent> enriched = enricher.enrich(List.of(late, early, middle));

        assertThat(enriched).extracting(e -> e.event().messageId())
                .containsExactly(early.messageId(), middle.messageId(), late.messageId());
        assertThat(enriched).extracting(EnrichedEvent::sessionId).containsOnly(SessionRule.sessionId("web", "v", T0));
    }

    @Test
    void visitorsAndSourcesHaveSeparateSessions() {
        List<EnrichedEvent> enriched = enricher.enrich(List.of(
                Events.pageView("web", "a", T0, "https://tax.example/", null),
                Events.pageView("web", "b", T0, "https://tax.example/", null),
                Events.pageView("app", "a", T0, "https://tax.example/", null)));

        assertThat(enriched).extracting(EnrichedEvent::sessionId).doesNotHaveDuplicates();
    }

    @Test
    void anEarlierEventWithinTheTimeoutJoinsTheSessionWithoutRenamingIt() {
        String session = one(Events.pageView("v", at("30M"))).sessionId();

        assertThat(one(Events.pageView("v", at("5M"))).sessionId()).isEqualTo(session);
        assertThat(one(Events.pageView("v", at("34M"))).sessionId()).isEqualTo(session);
    }

    @Test
    void lateEventsOfAnOlderSessionKeepTogetherAndDoNotReplaceTheNewerSession() {
        String newer = one(Events.pageView("v", at("2H"))).sessionId();

        List<EnrichedEvent> late = enricher.enrich(List.of(Events.pageView("v", T0), Events.pageView("v", at("10M")),
                Events.pageView("v", at("20M"))));
        String afterwards = one(Events.pageView("v", at("2H10M"))).sessionId();

        assertThat(late).extracting(EnrichedEvent::sessionId).containsOnly(SessionRule.sessionId("web", "v", T0));
        assertThat(afterwards).isEqualTo(newer);
    }

    @Test
    void theSdksSessionIdWinsAndLeavesTheDerivedSessionsAlone() {
        Event event = Events.pageView("v", T0);
        Event withSdkSession = event.withContext(Events.context(null, null, PageInfo.EMPTY, Campaign.EMPTY, "sdk-session-1"));

        assertThat(one(withSdkSession).sessionId()).isEqualTo(SessionRule.sdkSessionId("web", "v", "sdk-session-1"));
        assertThat(sessions.saves()).isZero();
    }

    @Test
    void oneSdkSessionIdFromTwoVisitorsMakesTwoSessions() {
        Event first = Events.pageView("v1", T0).withContext(Events.context(null, null, PageInfo.EMPTY, Campaign.EMPTY, "1700000000000"));
        Event second = Events.pageView("v2", T0).withContext(Events.context(null, null, PageInfo.EMPTY, Campaign.EMPTY, "1700000000000"));

        assertThat(one(first).sessionId()).isNotEqualTo(one(second).sessionId());
    }

    @Test
    void theVisitorIsTheAnonymousIdElseTheUserId() {
        Event anonymous = Events.pageView("anon-1", T0);
        Event known = new Event("web", anonymous.type(), "m-known", "user-9", null, T0, null, null, T0, null, null, null,
                null, anonymous.context(), null, null);

        assertThat(one(anonymous).visitorId()).isEqualTo("anon-1");
        assertThat(one(known).visitorId()).isEqualTo("user-9");
    }

    @ParameterizedTest
    @CsvSource(nullValues = "NULL", value = {"TRUNCATE,203.0.113.0", "DROP,NULL", "OFF,203.0.113.77"})
    void theIpIsLocatedInFullAndStoredOnlyAsConfigured(IpAnonymization anonymization, String stored) {
        enricher = enricher(anonymization);

        EnrichedEvent enriched = one(Events.pageView("v", T0));

        assertThat(geo.lookedUp()).containsExactly("203.0.113.77");
        assertThat(enriched.geo()).isEqualTo(FixedGeoLocator.NAIROBI);
        assertThat(enriched.event().context().ip()).isEqualTo(stored);
    }

    @Test
    void withoutAnIpNothingIsLookedUp() {
        Event event = Events.pageView("v", T0);
        EnrichedEvent enriched = one(event.withContext(event.context().withIp(null)));

        assertThat(geo.lookedUp()).isEmpty();
        assertThat(enriched.geo()).isEqualTo(GeoLocation.UNKNOWN);
    }

    @Test
    void theDeviceComesFromTheUserAgent() {
        Event event = Events.pageView("v", T0);
        Event bot = event.withContext(Events.context("203.0.113.77", "Googlebot/2.1", PageInfo.EMPTY, Campaign.EMPTY, null));

        assertThat(one(event).device()).isEqualTo(FixedUserAgentParser.CHROME_ANDROID);
        assertThat(one(bot).device().bot()).isTrue();
        assertThat(one(bot).device().deviceType()).isEqualTo(DeviceType.BOT);
    }

    @Test
    void hostPathUtmAndChannelComeFromThePage() {
        EnrichedEvent enriched = one(withPage("https://WWW.Tax.Example/file/return?utm_source=newsletter&utm_medium=email"
                + "&utm_campaign=filing+season", null, "https://mail.google.com/mail/u/0/", Campaign.EMPTY));

        assertThat(enriched.page()).isEqualTo(new UrlParts("www.tax.example", "/file/return",
                "utm_source=newsletter&utm_medium=email&utm_campaign=filing+season"));
        assertThat(enriched.campaign()).isEqualTo(new Campaign("newsletter", "email", "filing season", null, null));
        assertThat(enriched.traffic()).isEqualTo(new TrafficSource("mail.google.com", Channel.EMAIL));
    }

    @Test
    void aHashRouteGivenAsThePathIsKeptAnyOtherPathComesFromTheUrl() {
        assertThat(one(withPage("https://tax.example/app/#/returns/2025", "/app/#/returns/2025", null, Campaign.EMPTY)).page().path())
                .isEqualTo("/app/#/returns/2025");
        assertThat(one(withPage("https://tax.example/app/#/returns", "/elsewhere", null, Campaign.EMPTY)).page().path())
                .isEqualTo("/app/");
        assertThat(one(withPage("https://tax.example/app/#top", null, null, Campaign.EMPTY)).page().path()).isEqualTo("/app/");
    }

    @Test
    void theContextCampaignWinsOverTheUrl() {
        EnrichedEvent enriched = one(withPage("https://tax.example/?utm_source=url&utm_medium=cpc", null, null,
                new Campaign("context", null, null, null, null)));

        assertThat(enriched.campaign()).isEqualTo(new Campaign("context", "cpc", null, null, null));
        assertThat(enriched.traffic().channel()).isEqualTo(Channel.PAID);
    }

    @Test
    void searchReferrersAndSelfReferrals() {
        assertThat(one(withPage("https://tax.example/a", null, "https://www.google.co.ke/", Campaign.EMPTY)).traffic())
                .isEqualTo(new TrafficSource("google.co.ke", Channel.SEARCH));
        assertThat(one(withPage("https://tax.example/b", null, "https://www.tax.example/a", Campaign.EMPTY)).traffic())
                .isEqualTo(TrafficSource.DIRECT);
    }

    @ParameterizedTest(name = "{0} -> bot: {1}")
    @CsvSource({
            "https://semalt.com/, true",
            "http://forum.darodar.com/topic?id=1, true",
            "https://www.best-seo-offer.com/, true",
            "https://www.google.com/, false",
            "https://www.tax.example/a, false",
    })
    void referrerSpamIsFlaggedAsBotTrafficWhateverTheUserAgentSays(String referrer, boolean bot) {
        EnrichedEvent enriched = one(withPage("https://tax.example/", null, referrer, Campaign.EMPTY));

        assertThat(enriched.device().bot()).isEqualTo(bot);
        assertThat(enriched.device().browser()).as("the rest of the device is kept").isEqualTo("Chrome");
    }

    @Test
    void withoutAUrlTheContextPathIsThePath() {
        EnrichedEvent enriched = one(withPage(null, "/from-context", null, Campaign.EMPTY));

        assertThat(enriched.page()).isEqualTo(new UrlParts(null, "/from-context", null));
        assertThat(enriched.traffic()).isEqualTo(TrafficSource.DIRECT);
    }
}
