package app.tax.analytics.testsupport.contract;

import static org.assertj.core.api.Assertions.assertThat;

import app.tax.analytics.application.port.out.EventStore;
import app.tax.analytics.application.port.out.StatsReader;
import app.tax.analytics.domain.enrich.EnrichedEvent;
import app.tax.analytics.domain.event.Event;
import app.tax.analytics.domain.event.EventContext;
import app.tax.analytics.domain.event.EventType;
import app.tax.analytics.domain.event.Subject;
import app.tax.analytics.domain.stats.FunnelDefinition;
import app.tax.analytics.domain.stats.FunnelStep;
import app.tax.analytics.domain.stats.Interval;
import app.tax.analytics.domain.stats.Metric;
import app.tax.analytics.domain.stats.MetricValues;
import app.tax.analytics.domain.stats.StatsQuery;
import app.tax.analytics.domain.traffic.UrlParts;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Identity stitching (docs/STATS.md, "Identity"), run unchanged against every store: identify and alias
 * events build a map from anonymous ids (and earlier userIds) to persons, and every metric counts persons.
 * Each test writes a source of its own into one store; without the map, each expected visitor count would
 * be higher (the comments say by how much), so a store that ignores the map fails.
 *
 * <p>Events are spelled out as the processor would have enriched them: {@code visitor_id} is the device's
 * id (anonymousId, else userId), {@code session_id} the device's session.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
public abstract class IdentityContract {
    private static final Instant MAY = Instant.parse("2024-05-01T00:00:00Z");
    private static final Instant JUNE = Instant.parse("2024-06-01T00:00:00Z");

    /** A store used by this class only (its sources are the tests' own). */
    protected abstract EventStore eventStore();

    protected abstract StatsReader statsReader();

    /**
     * One person on a phone and a tablet, signed in on both, and one anonymous visitor Q:
     * <pre>
     *  phone  anon-phone  05-06 09:00 page /, 09:05 track "Viewed Plan", 09:06 identify user-p, 09:07 page /account (signed in)
     *  tablet anon-tablet 05-13 20:00 page /, 20:01 identify user-p, 20:02 track "Subscribed" (signed in)
     *  Q      anon-q      05-06 10:00 page /
     * </pre>
     */
    private List<EnrichedEvent> twoDevices(String source) {
        Device phone = new Device(source, "anon-phone", "phone-1");
        Device tablet = new Device(source, "anon-tablet", "tablet-1");
        Device q = new Device(source, "anon-q", "q-1");
        return List.of(
                phone.page("ph-1", null, "2024-05-06T09:00:00Z", "/"),
                phone.track("ph-2", null, "2024-05-06T09:05:00Z", "Viewed Plan"),
                phone.identify("ph-3", "user-p", "2024-05-06T09:06:00Z"),
                phone.page("ph-4", "user-p", "2024-05-06T09:07:00Z", "/account"),
                tablet.page("tb-1", null, "2024-05-13T20:00:00Z", "/"),
                tablet.identify("tb-2", "user-p", "2024-05-13T20:01:00Z"),
                tablet.track("tb-3", "user-p", "2024-05-13T20:02:00Z", "Subscribed"),
                q.page("q-1", null, "2024-05-06T10:00:00Z", "/"));
    }

    @Test
    void twoDevicesOfOnePersonAreOneVisitorInEveryMetric() {
        String source = "id-devices";
        eventStore().write(twoDevices(source), "id-devices-batch");

        // P and Q (per device: anon-phone, anon-tablet, anon-q = 3); sessions stay per device: 3
        MetricValues overview = statsReader().overview(may(source));
        assertThat(overview.count(Metric.VISITORS)).as("visitors are persons").isEqualTo(2);
        assertThat(overview.count(Metric.SESSIONS)).as("sessions stay per device").isEqualTo(3);
        assertThat(overview.count(Metric.EVENTS)).isEqualTo(8);
        assertThat(statsReader().visitorsSince(source, MAY)).as("realtime visitors too").isEqualTo(2);
        // the week of 05-13 has only the tablet, which is P
        assertThat(statsReader().timeseries(may(source), Interval.WEEK))
                .extracting(p -> p.bucketStart() + " " + p.values().count(Metric.VISITORS))
                .containsExactly("2024-05-06T00:00 2", "2024-05-13T00:00 1");
        // "Viewed Plan" on the phone, "Subscribed" on the tablet a week later: one person goes through
        // (per device the phone would stop at step 1)
        FunnelDefinition subscribe = new FunnelDefinition(List.of(FunnelStep.event("Viewed Plan"), FunnelStep.event("Subscribed")),
                Duration.ofDays(31));
        assertThat(statsReader().funnel(may(source), subscribe)).containsExactly(1L, 1L);
        // P's cohort is the week of the phone and P comes back on the tablet (per device: a new cohort of 05-13)
        assertThat(statsReader().retention(may(source), Interval.WEEK))
                .extracting(a -> a.cohortStart() + " " + a.periodStart() + " " + a.visitors())
                .containsExactly("2024-05-06T00:00 2024-05-06T00:00 2", "2024-05-06T00:00 2024-05-13T00:00 1");
    }

    @Test
    void anonymousEventsBeforeTheSignInCountForThePersonRetroactively() {
        String source = "id-before";
        Device browser = new Device(source, "anon-1", "b-1");
        Device server = new Device(source, null, "s-1");
        eventStore().write(List.of(
                browser.page("be-1", null, "2024-05-06T10:00:00Z", "/"),
                browser.page("be-2", null, "2024-05-06T10:10:00Z", "/pricing"),
                server.track("be-3", "user-1", "2024-05-06T11:00:00Z", "Invoice Paid")), "id-before-first");
        assertThat(statsReader().overview(may(source)).count(Metric.VISITORS)).as("before any identify: anon-1 and user-1")
                .isEqualTo(2);

        // the identify arrives later, in another batch: it links the events already stored
        eventStore().write(List.of(browser.identify("be-4", "user-1", "2024-05-06T10:20:00Z")), "id-before-second");
        assertThat(statsReader().overview(may(source)).count(Metric.VISITORS)).isEqualTo(1);
        FunnelDefinition pricingToInvoice = new FunnelDefinition(List.of(FunnelStep.page("/pricing"), FunnelStep.event("Invoice Paid")),
                Duration.ofHours(2));
        assertThat(statsReader().funnel(may(source), pricingToInvoice)).containsExactly(1L, 1L);
    }

    @Test
    void aliasChainsLeadToTheLastUserId() {
        String source = "id-alias";
        Device first = new Device(source, "anon-r", "r-1");
        Device second = new Device(source, "anon-r2", "r-2");
        Device server = new Device(source, null, "r-3");
        eventStore().write(List.of(
                first.page("al-1", null, "2024-05-07T08:00:00Z", "/"),
                first.identify("al-2", "user-r-old", "2024-05-07T08:01:00Z"),
                server.alias("al-3", "user-r-old", "user-r", "2024-05-08T08:00:00Z"),
                second.page("al-4", "user-r", "2024-05-09T08:00:00Z", "/"),
                server.alias("al-5", "user-r", "user-r-final", "2024-05-10T08:00:00Z"),
                server.track("al-6", "user-r-final", "2024-05-11T08:00:00Z", "Renewed")), "id-alias-batch");
        // anon-r → user-r-old → user-r → user-r-final: one person (by device or userId it would be 4)
        assertThat(statsReader().overview(may(source)).count(Metric.VISITORS)).isEqualTo(1);
    }

    @Test
    void aChainIsFollowedThroughAtMostFourLinks() {
        String source = "id-chain";
        Device device = new Device(source, "anon-z", "z-1");
        Device server = new Device(source, null, "z-2");
        eventStore().write(List.of(
                device.page("ch-1", null, "2024-05-07T08:00:00Z", "/"),
                device.identify("ch-2", "z1", "2024-05-07T08:01:00Z"),
                server.alias("ch-3", "z1", "z2", "2024-05-07T08:02:00Z"),
                server.alias("ch-4", "z2", "z3", "2024-05-07T08:03:00Z"),
                server.alias("ch-5", "z3", "z4", "2024-05-07T08:04:00Z"),
                server.page("ch-6", "z4", "2024-05-07T09:00:00Z", "/")), "id-chain-four");
        assertThat(statsReader().overview(may(source)).count(Metric.VISITORS)).as("four links: anon-z is z4").isEqualTo(1);

        // a fifth link: anon-z stops at z4 (the bound), the userIds z1..z4 go on to z5
        eventStore().write(List.of(server.alias("ch-7", "z4", "z5", "2024-05-07T08:05:00Z"),
                server.page("ch-8", "z5", "2024-05-07T10:00:00Z", "/")), "id-chain-five");
        assertThat(statsReader().overview(may(source)).count(Metric.VISITORS)).as("anon-z's page (z4) and z5's own")
                .isEqualTo(2);
    }

    @Test
    void anIdLinkedToTwoPersonsBelongsToTheFirstLink() {
        String source = "id-conflict";
        Device kiosk = new Device(source, "anon-kiosk", "k-1");
        Device laptop = new Device(source, "anon-laptop", "x-1");
        // the later identify (user-y) is written first: the first link is the earliest, not the first stored
        eventStore().write(List.of(kiosk.identify("cf-3", "user-y", "2024-05-06T12:30:00Z")), "id-conflict-late-link");
        eventStore().write(List.of(
                kiosk.page("cf-1", null, "2024-05-06T12:00:00Z", "/kiosk-before"),
                kiosk.identify("cf-2", "user-x", "2024-05-06T12:01:00Z"),
                kiosk.page("cf-4", "user-y", "2024-05-06T12:31:00Z", "/y-page"),
                kiosk.page("cf-5", null, "2024-05-06T13:00:00Z", "/kiosk-after"),
                laptop.page("cf-6", "user-x", "2024-05-06T15:00:00Z", "/x-home")), "id-conflict-events");
        // the kiosk's anonymous pages are user-x's (the first link); the page sent with user-y is user-y's
        assertThat(visitors(source, "page==/kiosk-after|/x-home")).as("anon-kiosk is user-x").isEqualTo(1);
        assertThat(visitors(source, "page==/kiosk-after|/y-page")).as("user-y's own event").isEqualTo(2);
        assertThat(statsReader().overview(may(source)).count(Metric.VISITORS)).isEqualTo(2);

        // redelivered links (same batch token, then another one) change nothing
        eventStore().write(List.of(kiosk.identify("cf-3", "user-y", "2024-05-06T12:30:00Z")), "id-conflict-late-link");
        eventStore().write(List.of(kiosk.identify("cf-3", "user-y", "2024-05-06T12:30:00Z"),
                kiosk.identify("cf-2", "user-x", "2024-05-06T12:01:00Z")), "id-conflict-redelivery");
        assertThat(visitors(source, "page==/kiosk-after|/x-home")).isEqualTo(1);

        // two links at the same time: the least message id wins (t-a: user-t1), whatever the write order
        Device shared = new Device(source, "anon-tie", "t-1");
        Device other = new Device(source, "anon-t1", "t-2");
        eventStore().write(List.of(shared.identify("t-b", "user-t2", "2024-05-06T14:00:00Z")), "id-conflict-tie-b");
        eventStore().write(List.of(shared.identify("t-a", "user-t1", "2024-05-06T14:00:00Z"),
                shared.page("t-c", null, "2024-05-06T14:05:00Z", "/tie"),
                other.page("t-d", "user-t1", "2024-05-06T16:00:00Z", "/t1-home")), "id-conflict-tie-a");
        assertThat(visitors(source, "page==/tie|/t1-home")).as("anon-tie is user-t1").isEqualTo(1);
    }

    @Test
    void erasingAPersonRemovesTheirLinksAndTheEventsOfTheirLinkedDevices() {
        String source = "id-erase";
        eventStore().write(twoDevices(source), "id-erase-batch");
        // untouched: the same person in another source
        eventStore().write(twoDevices("id-erase-other"), "id-erase-other-batch");

        // user-p's own 4 events and the anonymous ones of the phone and the tablet (ph-1, ph-2, tb-1)
        assertThat(eventStore().erase(new Subject(source, "user-p", null))).isEqualTo(7);
        MetricValues left = statsReader().overview(may(source));
        assertThat(left.count(Metric.EVENTS)).as("Q's page").isEqualTo(1);
        assertThat(left.count(Metric.VISITORS)).isEqualTo(1);
        assertThat(statsReader().overview(may("id-erase-other")).count(Metric.VISITORS)).isEqualTo(2);

        // the links are gone: the phone and user-p are no longer one person
        Device phone = new Device(source, "anon-phone", "phone-2");
        Device server = new Device(source, null, "server-1");
        eventStore().write(List.of(phone.page("ph-5", null, "2024-05-20T09:00:00Z", "/"),
                server.track("sv-1", "user-p", "2024-05-20T09:30:00Z", "Invoice Paid")), "id-erase-after");
        assertThat(statsReader().overview(may(source)).count(Metric.VISITORS)).as("Q, anon-phone, user-p").isEqualTo(3);
        assertThat(eventStore().erase(new Subject(source, "user-p", null))).as("user-p's new event only").isEqualTo(1);

        // by anonymousId, in every source: that device's events and its link
        assertThat(eventStore().erase(new Subject(null, null, "anon-tablet"))).as("tb-1..tb-3 in id-erase-other")
                .isEqualTo(3);
        Device tablet = new Device("id-erase-other", "anon-tablet", "tablet-2");
        eventStore().write(List.of(tablet.page("tb-4", null, "2024-05-21T09:00:00Z", "/")), "id-erase-tablet-again");
        // P (phone), Q and the tablet again, now unlinked
        assertThat(statsReader().overview(may("id-erase-other")).count(Metric.VISITORS)).isEqualTo(3);
    }

    @Test
    void linksExpireWithTheirEvents() {
        String source = "id-expiry";
        Device phone = new Device(source, "anon-old", "o-1");
        Device server = new Device(source, null, "o-2");
        eventStore().write(List.of(
                phone.identify("ex-1", "user-old", "2024-01-01T10:00:00Z"),
                phone.page("ex-2", null, "2024-02-01T10:00:00Z", "/"),
                server.page("ex-3", "user-old", "2024-02-01T11:00:00Z", "/")), "id-expiry-batch");
        StatsQuery february = new StatsQuery(source, Instant.parse("2024-02-01T00:00:00Z"), Instant.parse("2024-03-01T00:00:00Z"),
                ZoneOffset.UTC, List.of());
        assertThat(statsReader().overview(february).count(Metric.VISITORS)).isEqualTo(1);

        eventStore().deleteOlderThan(Instant.parse("2024-01-15T00:00:00Z"));
        assertThat(statsReader().overview(february).count(Metric.VISITORS)).as("the January link is gone").isEqualTo(2);
    }

    private long visitors(String source, String filters) {
        return statsReader().overview(StatsQuery.parse(source, MAY.toString(), JUNE.toString(), "UTC", filters)).count(Metric.VISITORS);
    }

    private static StatsQuery may(String source) {
        return new StatsQuery(source, MAY, JUNE, ZoneOffset.UTC, List.of());
    }

    /**
     * One device of a source: its anonymous id (null for server-side events, which carry only a userId) and
     * its one session; each event may carry the userId it was sent with.
     */
    private record Device(String source, String anonymousId, String sessionId) {
        EnrichedEvent page(String messageId, String userId, String at, String path) {
            return event(EventType.PAGE, messageId, userId, at, null, null, new UrlParts("example.com", path, null));
        }

        EnrichedEvent track(String messageId, String userId, String at, String name) {
            return event(EventType.TRACK, messageId, userId, at, name, null, null);
        }

        EnrichedEvent identify(String messageId, String userId, String at) {
            return event(EventType.IDENTIFY, messageId, userId, at, null, null, null);
        }

        EnrichedEvent alias(String messageId, String previousId, String userId, String at) {
            return event(EventType.ALIAS, messageId, userId, at, null, previousId, null);
        }

        private EnrichedEvent event(EventType type, String messageId, String userId, String at, String trackName,
                                    String previousId, UrlParts page) {
            Instant time = Instant.parse(at);
            Event event = new Event(source, type, messageId, userId, anonymousId, time, time, time, time.plusSeconds(1), trackName,
                    null, null, previousId, EventContext.EMPTY, Map.of(), Map.of());
            return new EnrichedEvent(event, event.visitorId(), sessionId, null, null, page, null, null);
        }
    }
}
