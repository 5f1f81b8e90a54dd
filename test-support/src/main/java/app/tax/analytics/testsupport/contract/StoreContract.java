package app.tax.analytics.testsupport.contract;

import static app.tax.analytics.testsupport.contract.ContractDataset.APP;
import static app.tax.analytics.testsupport.contract.ContractDataset.FIRST_BATCH_TOKEN;
import static app.tax.analytics.testsupport.contract.ContractDataset.FROM;
import static app.tax.analytics.testsupport.contract.ContractDataset.FUNNEL;
import static app.tax.analytics.testsupport.contract.ContractDataset.MOBILE;
import static app.tax.analytics.testsupport.contract.ContractDataset.RETENTION;
import static app.tax.analytics.testsupport.contract.ContractDataset.RETRY_BATCH_TOKEN;
import static app.tax.analytics.testsupport.contract.ContractDataset.TO;
import static app.tax.analytics.testsupport.contract.ContractDataset.WEB;
import static org.assertj.core.api.Assertions.assertThat;

import app.tax.analytics.application.port.in.QueryStats.ComparedTimeseries;
import app.tax.analytics.application.port.out.EventStore;
import app.tax.analytics.application.port.out.StatsReader;
import app.tax.analytics.application.service.StatsService;
import app.tax.analytics.domain.stats.BreakdownRow;
import app.tax.analytics.domain.event.Subject;
import app.tax.analytics.domain.source.WriteKeys;
import app.tax.analytics.domain.stats.Dimension;
import app.tax.analytics.domain.stats.Freshness;
import app.tax.analytics.domain.stats.FunnelDefinition;
import app.tax.analytics.domain.stats.FunnelResult;
import app.tax.analytics.domain.stats.FunnelStep;
import app.tax.analytics.domain.stats.Interval;
import app.tax.analytics.domain.stats.LatestEvent;
import app.tax.analytics.domain.stats.Metric;
import app.tax.analytics.domain.stats.MetricValues;
import app.tax.analytics.domain.stats.Retention;
import app.tax.analytics.domain.stats.StatsQuery;
import app.tax.analytics.domain.stats.TimeseriesPoint;
import app.tax.analytics.domain.user.DashboardUser;
import app.tax.analytics.domain.user.Role;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The contract every {@link EventStore} + {@link StatsReader} pair fulfils (docs/STATS.md), on the fixed
 * {@link ContractDataset}: a store's test class extends this one and supplies the three hooks. The
 * expected numbers were worked out by hand from the dataset's table; each comment says how.
 *
 * <p>Metrics are written in the order of {@link #expect}: visitors, pageviews, events, sessions,
 * bounceRate, avgSessionSeconds, viewsPerSession. Rates are compared to 9 decimals.
 *
 * <p>Fine points of docs/STATS.md these tests pin down, so that every store reads them alike:
 * <ul>
 *   <li>a filter applies to its column on events of every type ({@code page=~pric} keeps the track
 *       event on /pricing); only breakdowns by {@code page} / {@code event} look at page / track events;</li>
 *   <li>entry (exit) page = the path of the session's first (last) page event that has a path, ties
 *       broken by messageId; a session without one has no entry page (it passes {@code entry_page!=x});</li>
 *   <li>{@code prop:<key>} reads the value as its JSON text (the number 10 is "10"); an empty string is
 *       no value, as a blank column is;</li>
 *   <li>when one event was written twice with different timestamps, the numbers must not depend on the
 *       copy a store keeps (the dataset puts that event inside its session and hour).</li>
 * </ul>
 *
 * <p>One instance runs all tests of a class: the dataset is written before the first test and again only
 * after a test that changed the data, so slow stores pay for few writes. A subclass opens its store in a
 * non-static {@code @BeforeAll} (or lazily in {@link #truncate()}) and closes it in {@code @AfterAll}.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
public abstract class StoreContract {

    /** The store under test; written to through this. */
    protected abstract EventStore eventStore();

    /** The reader over the same data as {@link #eventStore()}. */
    protected abstract StatsReader statsReader();

    /** Removes every event, so the next write starts from an empty store. */
    protected abstract void truncate();

    private boolean datasetIntact;

    @BeforeEach
    final void writeDatasetUnlessIntact() {
        if (!datasetIntact) {
            truncate();
            eventStore().write(ContractDataset.firstBatch(), FIRST_BATCH_TOKEN);
            eventStore().write(ContractDataset.retryBatch(), RETRY_BATCH_TOKEN);
            datasetIntact = true;
        }
    }

    /** Called first by a test that writes or erases, so that the next test gets the dataset afresh. */
    private void dataWillChange() {
        datasetIntact = false;
    }

    // ---------------------------------------------------------------------------------------- overview

    @Test
    void overviewCountsEachEventOnceAndNoBots() {
        // Web events in [03-09, 03-11): a1 4 + a2 2 + b1 1 + c1 3 + d1 3 + f1 2 + g1 1 = 16 (the retried b1-1
        // and d1-2 once each, the two bot events not at all, h1-1 and a3-1 after the range).
        // Visitors A, B, C, D, F, G = 6. Pageviews 3 + 2 + 1 + 2 + 2 + 2 + 0 = 12.
        // Sessions a1 a2 b1 c1 d1 f1 g1 = 7; only b1 bounces (one pageview, no track; g1 has a track).
        // Lengths 420 + 600 + 0 + 1320 + 2400 + 40 + 0 = 4780 s.
        assertMetrics("web overview", statsReader().overview(query(null)), expect(6, 12, 16, 7, 1.0 / 7, 4780.0 / 7, 12.0 / 7));
    }

    @Test
    void overviewIsPerSource() {
        // app: e1-1 screen, e1-2 identify, "a1-1" track (same messageId as a web event, still its own event).
        // Visitors anon-e, anon-a = 2; one view (the screen counts like a page); sessions e1 (one view, no
        // track: bounces, 60 s) and a-app (a track: no bounce, 0 s).
        assertMetrics("app overview", statsReader().overview(new StatsQuery(APP, FROM, TO, ZoneOffset.UTC, List.of())),
                expect(2, 1, 3, 2, 1.0 / 2, 60.0 / 2, 1.0 / 2));
    }

    @Test
    void overviewCountsTheSessionPartsInsideTheRange() {
        // [03-10, 03-11): c1-2, c1-3, f1-1, f1-2, g1-1 = 5 events of C, F, G; pageviews c1-3, f1-1, f1-2.
        // c1 starts at c1-2 here: 00:05 to 00:12 = 420 s, one pageview and a track, no bounce;
        // f1 40 s; g1 0 s. Total 460 s over 3 sessions, 3 pageviews over 3 sessions.
        StatsQuery secondDay = new StatsQuery(WEB, Instant.parse("2024-03-10T00:00:00Z"), TO, ZoneOffset.UTC, List.of());
        assertMetrics("second day", statsReader().overview(secondDay), expect(3, 3, 5, 3, 0.0, 460.0 / 3, 1.0));
    }

    @Test
    void rangeIncludesItsStartAndExcludesItsEnd() {
        // [10:00:00, 10:07:00): a1-1 (at the start), a1-2, a1-3; a1-4 at the end is out.
        // One session from 10:00:00 to 10:05:30 = 330 s with 2 pageviews and a track.
        StatsQuery firstSession = new StatsQuery(WEB, Instant.parse("2024-03-09T10:00:00Z"),
                Instant.parse("2024-03-09T10:07:00Z"), ZoneOffset.UTC, List.of());
        assertMetrics("half-open range", statsReader().overview(firstSession), expect(1, 2, 3, 1, 0.0, 330.0, 2.0));
    }

    @Test
    void emptyRangesAndUnknownSourcesGiveZeros() {
        StatsQuery january = new StatsQuery(WEB, Instant.parse("2024-01-01T00:00:00Z"), Instant.parse("2024-02-01T00:00:00Z"),
                ZoneOffset.UTC, List.of());
        assertMetrics("no events in range", statsReader().overview(january), expect(0, 0, 0, 0, 0.0, 0.0, 0.0));
        StatsQuery unknown = new StatsQuery("no-such-source", FROM, TO, ZoneOffset.UTC, List.of());
        assertMetrics("unknown source", statsReader().overview(unknown), expect(0, 0, 0, 0, 0.0, 0.0, 0.0));
        assertThat(statsReader().timeseries(unknown, Interval.DAY)).as("no buckets without events").isEmpty();
        assertThat(statsReader().breakdown(unknown, Dimension.parse("page"), 10)).as("no rows without events").isEmpty();
    }

    // -------------------------------------------------------------------------------------- timeseries

    @Test
    void hourlySeriesCountsSessionsWhereTheyStart() {
        List<TimeseriesPoint> points = statsReader().timeseries(query(null), Interval.HOUR);
        assertPoints(points, List.of(
                // a1-1..a1-4: 3 pageviews, 1 track; session a1 starts here (420 s)
                point("2024-03-09T10:00", expect(1, 3, 4, 1, 0.0, 420.0, 3.0)),
                // a2 (600 s)
                point("2024-03-09T11:00", expect(1, 2, 2, 1, 0.0, 600.0, 2.0)),
                // b1: the bounce
                point("2024-03-09T12:00", expect(1, 1, 1, 1, 1.0, 0.0, 1.0)),
                // d1-1, d1-2 (the retried track, whichever copy): d1 starts at 20:30 (2400 s)
                point("2024-03-09T20:00", expect(1, 1, 2, 1, 0.0, 2400.0, 1.0)),
                // d1-3: d1 started in the hour before, so no session here and rates over 0 sessions are 0
                point("2024-03-09T21:00", expect(1, 1, 1, 0, 0.0, 0.0, 0.0)),
                // c1-1: c1 starts (1320 s)
                point("2024-03-09T23:00", expect(1, 1, 1, 1, 0.0, 1320.0, 1.0)),
                // c1-2 (track), c1-3 (page)
                point("2024-03-10T00:00", expect(1, 1, 2, 0, 0.0, 0.0, 0.0)),
                // f1 (40 s); the bot's 10:00 hour is absent
                point("2024-03-10T09:00", expect(1, 2, 2, 1, 0.0, 40.0, 2.0)),
                // g1: a track alone, no bounce
                point("2024-03-10T14:00", expect(1, 0, 1, 1, 0.0, 0.0, 0.0))));
    }

    @Test
    void dailySeriesInUtc() {
        assertPoints(statsReader().timeseries(query(null), Interval.DAY), List.of(
                // a1 4 + a2 2 + b1 1 + d1 3 + c1-1 = 11 events of A, B, D, C; pageviews 3+2+1+2+1 = 9;
                // sessions a1 a2 b1 d1 c1 start this day: 420+600+0+2400+1320 = 4740 s, b1 bounces
                point("2024-03-09T00:00", expect(4, 9, 11, 5, 1.0 / 5, 4740.0 / 5, 9.0 / 5)),
                // c1-2, c1-3, f1-1, f1-2, g1-1 of C, F, G; sessions f1 (40 s) and g1 (0 s) start this day
                point("2024-03-10T00:00", expect(3, 3, 5, 2, 0.0, 40.0 / 2, 3.0 / 2))));
    }

    @Test
    void dailySeriesInNairobi() {
        // UTC+3: local midnight is 21:00 UTC. 03-09 local: a1, a2, b1, d1-1 (23:30), d1-2 (23:45);
        // 03-10 local: d1-3 (00:10), c1 (02:50-03:12), f1 (12:00), g1 (17:00).
        StatsQuery nairobi = StatsQuery.parse(WEB, "2024-03-09", "2024-03-11", "Africa/Nairobi", null);
        assertPoints(statsReader().timeseries(nairobi, Interval.DAY), List.of(
                // 4 + 2 + 1 + 2 = 9 events of A, B, D; pageviews 3+2+1+1 = 7; sessions a1 a2 b1 d1
                // (d1 starts on 03-09 although it ends on 03-10): 420+600+0+2400 = 3420 s, b1 bounces
                point("2024-03-09T00:00", expect(3, 7, 9, 4, 1.0 / 4, 3420.0 / 4, 7.0 / 4)),
                // 1 + 3 + 2 + 1 = 7 events of D, C, F, G; pageviews 1+2+2+0 = 5; sessions c1 f1 g1:
                // 1320+40+0 = 1360 s
                point("2024-03-10T00:00", expect(4, 5, 7, 3, 0.0, 1360.0 / 3, 5.0 / 3))));
    }

    @Test
    void dailySeriesInNewYorkAcrossTheStartOfDaylightSavingTime() {
        // 2024-03-10 07:00 UTC clocks went from UTC-5 to UTC-4. The range is [03-09 05:00Z, 03-12 04:00Z).
        StatsQuery newYork = StatsQuery.parse(WEB, "2024-03-09", "2024-03-12", "America/New_York", null);
        assertPoints(statsReader().timeseries(newYork, Interval.DAY), List.of(
                // a1 05:00, a2 06:00, b1 07:00, d1 15:30-16:10, c1 18:50-19:12 local: 4+2+1+3+3 = 13 events,
                // pageviews 3+2+1+2+2 = 10, sessions 420+600+0+2400+1320 = 4740 s, b1 bounces
                point("2024-03-09T00:00", expect(4, 10, 13, 5, 1.0 / 5, 4740.0 / 5, 10.0 / 5)),
                // f1 05:00 EDT, g1 10:00 EDT
                point("2024-03-10T00:00", expect(2, 2, 3, 2, 0.0, 40.0 / 2, 2.0 / 2)),
                // h1-1 at 04:30 UTC is 00:30 EDT on 03-11 (a fixed UTC-5 would put it at 23:30 on 03-10)
                point("2024-03-11T00:00", expect(1, 1, 1, 1, 1.0, 0.0, 1.0))));
    }

    @Test
    void weeklySeriesStartOnMonday() {
        // 03-09 and 03-10 (Saturday, Sunday) belong to the week of Monday 03-04; h1-1 (Monday 03-11 local)
        // to the next one.
        StatsQuery newYork = StatsQuery.parse(WEB, "2024-03-09", "2024-03-12", "America/New_York", null);
        assertPoints(statsReader().timeseries(newYork, Interval.WEEK), List.of(
                point("2024-03-04T00:00", expect(6, 12, 16, 7, 1.0 / 7, 4780.0 / 7, 12.0 / 7)),
                point("2024-03-11T00:00", expect(1, 1, 1, 1, 1.0, 0.0, 1.0))));
    }

    @Test
    void monthlySeriesHoldsTheWholeRange() {
        assertPoints(statsReader().timeseries(query(null), Interval.MONTH), List.of(
                point("2024-03-01T00:00", expect(6, 12, 16, 7, 1.0 / 7, 4780.0 / 7, 12.0 / 7))));
    }

    @Test
    void filtersApplyToTimeseries() {
        // country==KE keeps a1, a2, d1 (03-09) and g1 (03-10).
        assertPoints(statsReader().timeseries(query("country==KE"), Interval.DAY), List.of(
                // 4+2+3 = 9 events of A and D, pageviews 3+2+2 = 7, 420+600+2400 = 3420 s over 3 sessions
                point("2024-03-09T00:00", expect(2, 7, 9, 3, 0.0, 3420.0 / 3, 7.0 / 3)),
                point("2024-03-10T00:00", expect(1, 0, 1, 1, 0.0, 0.0, 0.0))));
    }

    // --------------------------------------------------------------------------------------- breakdowns

    @Test
    void pageBreakdownCountsPageEventsOnly() {
        // Page events by path. Each row's sessions hold only that row's events, so every session there has
        // one pageview and no track: all bounce, length 0.
        // "/": a1-1, a2-2, c1-1, d1-1 (A, C, D; sessions a1 a2 c1 d1); "/pricing": a1-2, b1-1, d1-3
        // (the track a1-3 on /pricing is not a page event); then one page each, by value.
        assertRows(breakdown("page", null, 10), List.of(
                row("/", expect(3, 4, 4, 4, 1.0, 0.0, 1.0)),
                row("/pricing", expect(3, 3, 3, 3, 1.0, 0.0, 1.0)),
                row("/docs", expect(1, 1, 1, 1, 1.0, 0.0, 1.0)),
                row("/post-1", expect(1, 1, 1, 1, 1.0, 0.0, 1.0)),
                row("/post-2", expect(1, 1, 1, 1, 1.0, 0.0, 1.0)),
                row("/signup", expect(1, 1, 1, 1, 1.0, 0.0, 1.0)),
                row("/thanks", expect(1, 1, 1, 1, 1.0, 0.0, 1.0))));
    }

    @Test
    void breakdownKeepsAtMostLimitRows() {
        assertThat(breakdown("page", null, 3)).extracting(BreakdownRow::value).containsExactly("/", "/pricing", "/docs");
    }

    @Test
    void entryPageBreakdownGroupsWholeSessions() {
        // First page of each session: a1 "/", a2 "/docs", b1 "/pricing", c1 "/", d1 "/", f1 "/post-1";
        // g1 has no page event and is left out.
        assertRows(breakdown("entry_page", null, 10), List.of(
                // a1 + c1 + d1: 4+3+3 = 10 events, 3+2+2 = 7 pageviews, 420+1320+2400 = 4140 s
                row("/", expect(3, 7, 10, 3, 0.0, 4140.0 / 3, 7.0 / 3)),
                // one visitor each, by events, then by value
                row("/docs", expect(1, 2, 2, 1, 0.0, 600.0, 2.0)),
                row("/post-1", expect(1, 2, 2, 1, 0.0, 40.0, 2.0)),
                row("/pricing", expect(1, 1, 1, 1, 1.0, 0.0, 1.0))));
    }

    @Test
    void exitPageBreakdownGroupsWholeSessions() {
        // Last page of each session: a1 "/signup", a2 "/", b1 "/pricing", c1 "/thanks", d1 "/pricing",
        // f1 "/post-2"; g1 left out.
        assertRows(breakdown("exit_page", null, 10), List.of(
                // b1 + d1: 1+3 = 4 events, 1+2 pageviews, b1 bounces, 0+2400 s
                row("/pricing", expect(2, 3, 4, 2, 1.0 / 2, 2400.0 / 2, 3.0 / 2)),
                row("/signup", expect(1, 3, 4, 1, 0.0, 420.0, 3.0)),
                row("/thanks", expect(1, 2, 3, 1, 0.0, 1320.0, 2.0)),
                row("/", expect(1, 2, 2, 1, 0.0, 600.0, 2.0)),
                row("/post-2", expect(1, 2, 2, 1, 0.0, 40.0, 2.0))));
    }

    @Test
    void hostnameBreakdown() {
        // blog.example.com holds f1 only; everything else is on example.com (a1 a2 b1 c1 d1 g1).
        assertRows(breakdown("hostname", null, 10), List.of(
                // 16-2 = 14 events, 12-2 = 10 pageviews, 4780-40 = 4740 s over 6 sessions, b1 bounces
                row("example.com", expect(5, 10, 14, 6, 1.0 / 6, 4740.0 / 6, 10.0 / 6)),
                row("blog.example.com", expect(1, 2, 2, 1, 0.0, 40.0, 2.0))));
    }

    @Test
    void referrerBreakdownKeepsARowForNoReferrer() {
        assertRows(breakdown("referrer", null, 10), List.of(
                // no referrer: a2, b1, d1, g1 = 2+1+3+1 = 7 events of A, B, D, G; pageviews 2+1+2+0 = 5;
                // 600+0+2400+0 = 3000 s; b1 bounces
                row(null, expect(4, 5, 7, 4, 1.0 / 4, 3000.0 / 4, 5.0 / 4)),
                row("google.com", expect(1, 3, 4, 1, 0.0, 420.0, 3.0)),
                row("facebook.com", expect(1, 2, 3, 1, 0.0, 1320.0, 2.0)),
                row("news.site.org", expect(1, 2, 2, 1, 0.0, 40.0, 2.0))));
    }

    @Test
    void channelBreakdown() {
        assertRows(breakdown("channel", null, 10), List.of(
                // direct: a2, d1, g1 = 2+3+1 = 6 events of A, D, G; pageviews 2+2+0; 600+2400+0 = 3000 s
                row("direct", expect(3, 4, 6, 3, 0.0, 3000.0 / 3, 4.0 / 3)),
                row("search", expect(1, 3, 4, 1, 0.0, 420.0, 3.0)),
                row("social", expect(1, 2, 3, 1, 0.0, 1320.0, 2.0)),
                row("referral", expect(1, 2, 2, 1, 0.0, 40.0, 2.0)),
                row("email", expect(1, 1, 1, 1, 1.0, 0.0, 1.0))));
    }

    @Test
    void utmBreakdowns() {
        // Without UTM: a1, a2, d1, f1, g1 = 4+2+3+2+1 = 12 events of A, D, F, G; pageviews 3+2+2+2+0 = 9;
        // sessions 420+600+2400+40+0 = 3460 s, none bounces.
        MetricsExpectation noCampaign = expect(4, 9, 12, 5, 0.0, 3460.0 / 5, 9.0 / 5);
        assertRows(breakdown("utm_source", null, 10), List.of(
                row(null, noCampaign),
                row("facebook", expect(1, 2, 3, 1, 0.0, 1320.0, 2.0)),
                row("newsletter", expect(1, 1, 1, 1, 1.0, 0.0, 1.0))));
        assertRows(breakdown("utm_medium", null, 10), List.of(
                row(null, noCampaign),
                row("social", expect(1, 2, 3, 1, 0.0, 1320.0, 2.0)),
                row("email", expect(1, 1, 1, 1, 1.0, 0.0, 1.0))));
        assertRows(breakdown("utm_campaign", null, 10), List.of(
                row(null, noCampaign),
                // b1 + c1: 1+3 events, 1+2 pageviews, b1 bounces, 0+1320 s
                row("spring", expect(2, 3, 4, 2, 1.0 / 2, 1320.0 / 2, 3.0 / 2))));
        // Only c1 has a term and a content: the rest is 16-3 = 13 events of A, B, D, F, G, 12-2 = 10
        // pageviews, 6 sessions with 4780-1320 = 3460 s, b1 bounces.
        MetricsExpectation notC1 = expect(5, 10, 13, 6, 1.0 / 6, 3460.0 / 6, 10.0 / 6);
        assertRows(breakdown("utm_term", null, 10), List.of(
                row(null, notC1), row("shoes", expect(1, 2, 3, 1, 0.0, 1320.0, 2.0))));
        assertRows(breakdown("utm_content", null, 10), List.of(
                row(null, notC1), row("ad-1", expect(1, 2, 3, 1, 0.0, 1320.0, 2.0))));
    }

    @Test
    void locationBreakdowns() {
        assertRows(breakdown("country", null, 10), List.of(
                // KE: a1, a2, d1, g1 = 4+2+3+1 = 10 events of A, D, G; pageviews 3+2+2+0 = 7;
                // 420+600+2400+0 = 3420 s over 4 sessions
                row("KE", expect(3, 7, 10, 4, 0.0, 3420.0 / 4, 7.0 / 4)),
                row("DE", expect(1, 2, 3, 1, 0.0, 1320.0, 2.0)),
                // F's country is unknown
                row(null, expect(1, 2, 2, 1, 0.0, 40.0, 2.0)),
                row("US", expect(1, 1, 1, 1, 1.0, 0.0, 1.0))));
        // Nairobi: a1, a2, d1 = 9 events of A, D, 7 pageviews, 3420 s over 3 sessions.
        // No region/city: f1 and g1 = 3 events of F, G, 2 pageviews, 40+0 s over 2 sessions.
        assertRows(breakdown("region", null, 10), List.of(
                row("Nairobi County", expect(2, 7, 9, 3, 0.0, 3420.0 / 3, 7.0 / 3)),
                row(null, expect(2, 2, 3, 2, 0.0, 40.0 / 2, 2.0 / 2)),
                row("Berlin", expect(1, 2, 3, 1, 0.0, 1320.0, 2.0)),
                row("New York", expect(1, 1, 1, 1, 1.0, 0.0, 1.0))));
        assertRows(breakdown("city", null, 10), List.of(
                row("Nairobi", expect(2, 7, 9, 3, 0.0, 3420.0 / 3, 7.0 / 3)),
                row(null, expect(2, 2, 3, 2, 0.0, 40.0 / 2, 2.0 / 2)),
                row("Berlin", expect(1, 2, 3, 1, 0.0, 1320.0, 2.0)),
                row("New York", expect(1, 1, 1, 1, 1.0, 0.0, 1.0))));
    }

    @Test
    void deviceBreakdowns() {
        assertRows(breakdown("browser", null, 10), List.of(
                // Chrome: A, D, G as KE above
                row("Chrome", expect(3, 7, 10, 4, 0.0, 3420.0 / 4, 7.0 / 4)),
                row("Firefox", expect(1, 2, 3, 1, 0.0, 1320.0, 2.0)),
                row("Edge", expect(1, 2, 2, 1, 0.0, 40.0, 2.0)),
                row("Safari", expect(1, 1, 1, 1, 1.0, 0.0, 1.0))));
        assertRows(breakdown("os", null, 10), List.of(
                // Windows: a1, a2, f1 = 4+2+2 = 8 events of A, F; 3+2+2 = 7 pageviews; 420+600+40 = 1060 s
                row("Windows", expect(2, 7, 8, 3, 0.0, 1060.0 / 3, 7.0 / 3)),
                // one visitor each; Android and Linux tie on 3 events, iOS and macOS on 1: by value
                row("Android", expect(1, 2, 3, 1, 0.0, 2400.0, 2.0)),
                row("Linux", expect(1, 2, 3, 1, 0.0, 1320.0, 2.0)),
                row("iOS", expect(1, 1, 1, 1, 1.0, 0.0, 1.0)),
                row("macOS", expect(1, 0, 1, 1, 0.0, 0.0, 0.0))));
        assertRows(breakdown("device", null, 10), List.of(
                // desktop: a1, a2, c1, f1, g1 = 4+2+3+2+1 = 12 events of A, C, F, G; 3+2+2+2+0 = 9 pageviews;
                // 420+600+1320+40+0 = 2380 s
                row("desktop", expect(4, 9, 12, 5, 0.0, 2380.0 / 5, 9.0 / 5)),
                // mobile: b1, d1 = 4 events, 3 pageviews, b1 bounces, 0+2400 s
                row("mobile", expect(2, 3, 4, 2, 1.0 / 2, 2400.0 / 2, 3.0 / 2))));
    }

    @Test
    void eventBreakdownCountsTrackEventsOnly() {
        // Each row's sessions hold just the track events: no pageviews, a track (no bounce), length 0.
        assertRows(breakdown("event", null, 10), List.of(
                row("Signup Clicked", expect(2, 0, 2, 2, 0.0, 0.0, 0.0)),
                row("Purchase", expect(1, 0, 1, 1, 0.0, 0.0, 0.0)),
                row("Video Played", expect(1, 0, 1, 1, 0.0, 0.0, 0.0))));
    }

    @Test
    void propertyBreakdownsReadValuesAsText() {
        // plan: a1-3 and d1-2 "pro", c1-2 "basic"; the identify's trait "plan" (app) is not a property.
        assertRows(breakdown("prop:plan", null, 10), List.of(
                row("pro", expect(2, 0, 2, 2, 0.0, 0.0, 0.0)),
                row("basic", expect(1, 0, 1, 1, 0.0, 0.0, 0.0))));
        // numbers read as their JSON text: g1-1 step 1, a1-3 step 2
        assertRows(breakdown("prop:step", null, 10), List.of(
                row("1", expect(1, 0, 1, 1, 0.0, 0.0, 0.0)),
                row("2", expect(1, 0, 1, 1, 0.0, 0.0, 0.0))));
        assertRows(breakdown("prop:amount", null, 10), List.of(row("10", expect(1, 0, 1, 1, 0.0, 0.0, 0.0))));
        // a key with a space, on page events: "B" on f1-1 and f1-2 (one session, 40 s), "A" on a1-1
        assertRows(breakdown("prop:ab test", null, 10), List.of(
                row("B", expect(1, 2, 2, 1, 0.0, 40.0, 2.0)),
                row("A", expect(1, 1, 1, 1, 1.0, 0.0, 1.0))));
        assertThat(breakdown("prop:no_such_key", null, 10)).as("events without the key are left out").isEmpty();
    }

    // ------------------------------------------------------------------------------------------ filters

    @Test
    void isFilterKeepsMatchingEvents() {
        // direct: a2, d1, g1 (as the channel breakdown's row)
        assertOverview("channel==direct", expect(3, 4, 6, 3, 0.0, 3000.0 / 3, 4.0 / 3));
        // OR within a condition: DE or US = c1 + b1: 3+1 events, 2+1 pageviews, b1 bounces, 1320+0 s
        assertOverview("country==DE|US", expect(2, 3, 4, 2, 1.0 / 2, 1320.0 / 2, 3.0 / 2));
        // an empty value matches no value: F's events only
        assertOverview("country==", expect(1, 2, 2, 1, 0.0, 40.0, 2.0));
        // conditions are AND-ed: Kenyan mobile = d1
        assertOverview("country==KE;device==mobile", expect(1, 2, 3, 1, 0.0, 2400.0, 2.0));
        // properties filter too: the two "pro" tracks
        assertOverview("prop:plan==pro", expect(2, 0, 2, 2, 0.0, 0.0, 0.0));
        assertOverview("event==Purchase", expect(1, 0, 1, 1, 0.0, 0.0, 0.0));
    }

    @Test
    void isNotFilterLetsNoValueThroughUnlessEmptyIsListed() {
        // not direct: a1, b1, c1, f1 = 4+1+3+2 = 10 events of A, B, C, F; 3+1+2+2 = 8 pageviews;
        // 420+0+1320+40 = 1780 s; b1 bounces
        assertOverview("channel!=direct", expect(4, 8, 10, 4, 1.0 / 4, 1780.0 / 4, 8.0 / 4));
        // not Berlin: all but c1, f1 and g1 (no region) included: 13 events of A, B, D, F, G, 10 pageviews,
        // 4780-1320 = 3460 s over 6 sessions
        assertOverview("region!=Berlin", expect(5, 10, 13, 6, 1.0 / 6, 3460.0 / 6, 10.0 / 6));
        // "has a region": all but f1 and g1 = 13 events of A, B, C, D; 3+2+1+2+2 = 10 pageviews;
        // a1 a2 b1 c1 d1 = 420+600+0+1320+2400 = 4740 s
        assertOverview("region!=", expect(4, 10, 13, 5, 1.0 / 5, 4740.0 / 5, 10.0 / 5));
    }

    @Test
    void containsFilterIgnoresCaseAndAppliesToEveryEventType() {
        // path contains "pric": a1-2, a1-3 (a track on /pricing), b1-1, d1-3. Sessions from those events:
        // a1 = a1-2..a1-3, 210 s with a track; b1 and d1 = one pageview each: 2 bounces.
        assertOverview("page=~PRIC", expect(3, 3, 4, 3, 2.0 / 3, 210.0 / 3, 3.0 / 3));
    }

    @Test
    void filterValuesAreDataNeverSyntax() {
        MetricsExpectation nothing = expect(0, 0, 0, 0, 0.0, 0.0, 0.0);
        // LIKE wildcards are literal characters; no path holds "_" or "%"
        assertOverview("page=~_", nothing);
        assertOverview("page=~%25", nothing);
        assertOverview("country==x' OR '1'='1", nothing);
        assertOverview("prop:plan==pro' OR '1'='1", nothing);
    }

    @Test
    void entryAndExitPageFiltersKeepWholeSessions() {
        // entry "/": a1, c1, d1 (as the entry_page row)
        assertOverview("entry_page==/", expect(3, 7, 10, 3, 0.0, 4140.0 / 3, 7.0 / 3));
        // exit "/pricing": b1, d1
        assertOverview("exit_page==/pricing", expect(2, 3, 4, 2, 1.0 / 2, 2400.0 / 2, 3.0 / 2));
        // entry not "/": a2, b1, f1 and g1 (no entry page) = 2+1+2+1 = 6 events of A, B, F, G;
        // 2+1+2+0 = 5 pageviews; 600+0+40+0 = 640 s; b1 bounces
        assertOverview("entry_page!=/", expect(4, 5, 6, 4, 1.0 / 4, 640.0 / 4, 5.0 / 4));
    }

    @Test
    void filtersApplyToBreakdowns() {
        // direct page events: a2-1 /docs, a2-2 /, d1-1 /, d1-3 /pricing
        assertRows(breakdown("page", "channel==direct", 10), List.of(
                row("/", expect(2, 2, 2, 2, 1.0, 0.0, 1.0)),
                row("/docs", expect(1, 1, 1, 1, 1.0, 0.0, 1.0)),
                row("/pricing", expect(1, 1, 1, 1, 1.0, 0.0, 1.0))));
        // sessions leaving on /pricing (b1, d1) by where they entered
        assertRows(breakdown("entry_page", "exit_page==/pricing", 10), List.of(
                row("/", expect(1, 2, 3, 1, 0.0, 2400.0, 2.0)),
                row("/pricing", expect(1, 1, 1, 1, 1.0, 0.0, 1.0))));
    }

    // ------------------------------------------------------------------------------- realtime, sources

    @Test
    void visitorsSinceCountsDistinctNonBotVisitors() {
        // from 03-10: C (c1-2), F, G, H (03-11), A (a3-1 on 03-12); the bot at 03-10 10:00 is not counted
        assertThat(statsReader().visitorsSince(WEB, Instant.parse("2024-03-10T00:00:00Z"))).isEqualTo(5);
        // from 03-11: H and A
        assertThat(statsReader().visitorsSince(WEB, Instant.parse("2024-03-11T00:00:00Z"))).isEqualTo(2);
        assertThat(statsReader().visitorsSince(APP, FROM)).isEqualTo(2);
        assertThat(statsReader().visitorsSince(WEB, Instant.parse("2024-03-13T00:00:00Z"))).isZero();
    }

    @Test
    void sourcesAreTheSourcesWithEventsSorted() {
        assertThat(statsReader().sources()).containsExactly(APP, FUNNEL, MOBILE, RETENTION, WEB);
    }

    // ------------------------------------------------------------------------------------- mobile apps

    /** The "mobile" source's main range in UTC with the given filters (null for none). */
    private static StatsQuery mobile(String filters) {
        return StatsQuery.parse(MOBILE, FROM.toString(), TO.toString(), "UTC", filters);
    }

    private List<BreakdownRow> mobileBreakdown(String dimension, String filters) {
        return statsReader().breakdown(mobile(filters), Dimension.parse(dimension), 10);
    }

    @Test
    void screensAreViews() {
        // 8 events of M1, M2, M3; views 3 + 1 + 2 + 1 = 7 screens; sessions m1 m2a m2b m3, of which m2a and m3
        // bounce (one view, no track); lengths 300 + 0 + 120 + 0 = 420 s.
        assertMetrics("mobile overview", statsReader().overview(mobile(null)), expect(3, 7, 8, 4, 2.0 / 4, 420.0 / 4, 7.0 / 4));
    }

    @Test
    void screenBreakdownAndFilter() {
        // Screen events by name (m3-1's name is in properties.name); as for pages, each row's sessions hold
        // only that row's events: one view each, all bounce. The track m1-3 has no screen.
        assertRows(mobileBreakdown("screen", null), List.of(
                row("Income", expect(3, 3, 3, 3, 1.0, 0.0, 1.0)),
                row("Home", expect(2, 3, 3, 3, 1.0, 0.0, 1.0)),
                row("Done", expect(1, 1, 1, 1, 1.0, 0.0, 1.0))));
        // screen==Income keeps m1-2, m2-3, m3-1: sessions m1, m2b, m3 with one view each
        assertMetrics("screen==Income", statsReader().overview(mobile("screen==Income")), expect(3, 3, 3, 3, 1.0, 0.0, 1.0));
        assertMetrics("screen!=Income", statsReader().overview(mobile("screen!=Income")), expect(2, 4, 5, 3, 2.0 / 3, 300.0 / 3, 4.0 / 3));
        assertThat(statsReader().breakdown(query(null), Dimension.parse("screen"), 10)).as("web has no screens").isEmpty();
    }

    @Test
    void entryAndExitOfScreenSessionsAreScreens() {
        // entry: m1, m2a, m2b start on Home, m3 on Income; exit: m1 ends on Done (the track is no view), m2a
        // on Home, m2b and m3 on Income. Rows hold the sessions and all their events.
        assertRows(mobileBreakdown("entry_page", null), List.of(
                row("Home", expect(2, 6, 7, 3, 1.0 / 3, 420.0 / 3, 6.0 / 3)),
                row("Income", expect(1, 1, 1, 1, 1.0, 0.0, 1.0))));
        assertRows(mobileBreakdown("exit_page", null), List.of(
                row("Income", expect(2, 3, 3, 2, 1.0 / 2, 120.0 / 2, 3.0 / 2)),
                row("Done", expect(1, 3, 4, 1, 0.0, 300.0, 3.0)),
                row("Home", expect(1, 1, 1, 1, 1.0, 0.0, 1.0))));
        assertMetrics("entry_page==Income", statsReader().overview(mobile("entry_page==Income")), expect(1, 1, 1, 1, 1.0, 0.0, 1.0));
    }

    @Test
    void mobileContextDimensions() {
        MetricsExpectation m1 = expect(1, 3, 4, 1, 0.0, 300.0, 3.0);
        MetricsExpectation m2 = expect(1, 3, 3, 2, 1.0 / 2, 120.0 / 2, 3.0 / 2);
        MetricsExpectation m3 = expect(1, 1, 1, 1, 1.0, 0.0, 1.0);
        // 2.4.0: M1 and M3 (5 events, views 3 + 1, m3 bounces, 300 s over 2 sessions)
        assertRows(mobileBreakdown("app_version", null), List.of(
                row("2.4.0", expect(2, 4, 5, 2, 1.0 / 2, 300.0 / 2, 4.0 / 2)), row("2.3.1", m2)));
        // one visitor per value: by events (M1 4, M2 3, M3 1); a numeric build is its text
        assertRows(mobileBreakdown("app_build", null), List.of(row("240", m1), row("231", m2), row("241", m3)));
        assertRows(mobileBreakdown("os_version", null), List.of(row("14", m1), row("17.4", m2), row("13", m3)));
        assertRows(mobileBreakdown("device_model", null), List.of(row("Pixel 8", m1), row("iPhone15,2", m2), row("Galaxy S23", m3)));
        assertRows(mobileBreakdown("device_manufacturer", null), List.of(row("Google", m1), row("Apple", m2), row("samsung", m3)));
        // M3 sent no network: the "no value" row
        assertRows(mobileBreakdown("network", null), List.of(row("wifi", m1), row("cellular", m2), row(null, m3)));
        // OS and device type come from the context when there is no user agent
        assertRows(mobileBreakdown("os", null), List.of(
                row("Android", expect(2, 4, 5, 2, 1.0 / 2, 300.0 / 2, 4.0 / 2)), row("iOS", m2)));
        assertRows(mobileBreakdown("device", null), List.of(row("mobile", expect(3, 7, 8, 4, 2.0 / 4, 420.0 / 4, 7.0 / 4))));
        assertMetrics("network==wifi", statsReader().overview(mobile("network==wifi")), m1);
        assertMetrics("app_version==2.3.1", statsReader().overview(mobile("app_version==2.3.1")), m2);
        assertMetrics("device_manufacturer=~SAMS", statsReader().overview(mobile("device_manufacturer=~SAMS")), m3);
    }

    @Test
    void funnelsTakeScreenSteps() {
        StatsQuery day = mobile(null);
        // Home → "Return Filed" → Done: M1 all three; M2 starts at Home and files nothing; M3 never sees Home
        FunnelDefinition filing = new FunnelDefinition(
                List.of(FunnelStep.screen("Home"), FunnelStep.event("Return Filed"), FunnelStep.screen("Done")), Duration.ofMinutes(60));
        assertThat(statsReader().funnel(day, filing)).containsExactly(2L, 1L, 1L);
        // Home → Income: M1 at 08:01; M2 started at 09:00 (the late m2-1, placed by its time) and reached Income
        // only at 13:02, past the hour
        FunnelDefinition income = new FunnelDefinition(List.of(FunnelStep.screen("Home"), FunnelStep.screen("Income")),
                Duration.ofMinutes(60));
        assertThat(statsReader().funnel(day, income)).containsExactly(2L, 1L);
        // a screen step is not a page of the same name
        assertThat(statsReader().funnel(day, new FunnelDefinition(List.of(FunnelStep.page("Home"), FunnelStep.screen("Income")),
                Duration.ofMinutes(60)))).containsExactly(0L, 0L);
    }

    @Test
    void lateEventsCountAtTheTimeTheyHappened() {
        // m2-1 arrived at 12:00 but happened at 09:00: it is in the 09:00 bucket and starts its own session there
        assertPoints(statsReader().timeseries(mobile(null), Interval.HOUR), List.of(
                point("2024-03-09T08:00", expect(1, 3, 4, 1, 0.0, 300.0, 3.0)),
                point("2024-03-09T09:00", expect(1, 1, 1, 1, 1.0, 0.0, 1.0)),
                point("2024-03-09T10:00", expect(1, 1, 1, 1, 1.0, 0.0, 1.0)),
                point("2024-03-09T13:00", expect(1, 2, 2, 1, 0.0, 120.0, 2.0))));
    }

    @Test
    void freshnessCountsLateEventsAndTheDelayPercentile() {
        Instant afternoon = Instant.parse("2024-03-09T14:00:00Z");
        // late (more than an hour): m2-1 (3 h); m3-1's 30 min is not late
        Freshness day = statsReader().freshness(mobile(null), afternoon);
        assertThat(List.of(day.events(), day.lateEvents())).containsExactly(8L, 1L);
        assertThat(day.lateShare()).isEqualTo(1.0 / 8);
        // delays of the 8 events received in the week before 14:00: six of 1 s, 30 min, 3 h; the 99th
        // percentile (nearest rank: the 8th of 8) is 3 h, so complete up to 11:00
        assertThat(day.recentEvents()).isEqualTo(8);
        assertThat(day.delayP99()).contains(Duration.ofHours(3));
        assertThat(day.completeUpTo()).contains(Instant.parse("2024-03-09T11:00:00Z"));
        // at 12:00 m2-1 (received at 12:00) and m2b (13:00) have not arrived: delays 1 s (4) and 30 min (m3-1)
        Freshness noon = statsReader().freshness(mobile(null), Instant.parse("2024-03-09T12:00:00Z"));
        assertThat(noon.recentEvents()).isEqualTo(5);
        assertThat(noon.completeUpTo()).contains(Instant.parse("2024-03-09T11:30:00Z"));
        // filters apply to the late share: screen==Home is m1-1, m2-1, m2-2
        Freshness home = statsReader().freshness(mobile("screen==Home"), afternoon);
        assertThat(List.of(home.events(), home.lateEvents())).containsExactly(3L, 1L);
        // a week later nothing was received in the window: no delay sample, no "complete up to"
        Freshness later = statsReader().freshness(mobile(null), afternoon.plus(Duration.ofDays(8)));
        assertThat(later.recentEvents()).isZero();
        assertThat(later.completeUpTo()).isEmpty();
        // web events arrive 1 s after they happen (d1-2's copies 90 s): nothing late
        Freshness web = statsReader().freshness(query(null), Instant.parse("2024-03-11T00:00:00Z"));
        assertThat(web.lateEvents()).isZero();
        assertThat(web.events()).isEqualTo(16);
    }


    // ------------------------------------------------------------------- previous period, conversion rate

    @Test
    void theSeriesOfThePreviousPeriodIsThePeriodBefore() {
        // [03-10, 03-11) as in overviewCountsTheSessionPartsInsideTheRange; before it [03-09, 03-10): a1 4 + a2 2
        // + b1 1 + d1 3 + c1-1 = 11 events of A, B, D, C; 3+2+1+2+1 = 9 pageviews; sessions a1 a2 b1 d1 and c1
        // (just c1-1 here: one pageview, so it bounces with b1): 420+600+0+2400+0 = 3420 s
        StatsQuery secondDay = StatsQuery.parse(WEB, "2024-03-10", "2024-03-11", "UTC", null);
        ComparedTimeseries series = service().timeseriesWithPrevious(ADMIN, secondDay, Interval.DAY, Metric.PER_RANGE);

        assertPoints(series.current(), List.of(point("2024-03-10T00:00", expect(3, 3, 5, 3, 0.0, 460.0 / 3, 1.0))));
        assertPoints(series.previous(), List.of(point("2024-03-09T00:00", expect(4, 9, 11, 5, 2.0 / 5, 3420.0 / 5, 9.0 / 5))));
    }

    @Test
    void conversionRateIsAGoalsVisitorsOverAllVisitors() {
        Set<Metric> metrics = EnumSet.of(Metric.VISITORS, Metric.CONVERSION_RATE);
        // 6 visitors in range: Signup Clicked by A and D, Purchase by C, Video Played by G
        assertThat(service().breakdown(ADMIN, query(null), Dimension.parse("event"), metrics, 10))
                .extracting(r -> r.value() + " " + r.values().count(Metric.VISITORS) + " " + rounded(r.values(), Metric.CONVERSION_RATE))
                .containsExactly("Signup Clicked 2 " + round(2.0 / 6), "Purchase 1 " + round(1.0 / 6), "Video Played 1 " + round(1.0 / 6));
        // the filter applies to both sides: Kenyan visitors A, D, G
        assertThat(service().breakdown(ADMIN, query("country==KE"), Dimension.parse("event"), metrics, 10))
                .extracting(r -> r.value() + " " + rounded(r.values(), Metric.CONVERSION_RATE))
                .containsExactly("Signup Clicked " + round(2.0 / 3), "Video Played " + round(1.0 / 3));
        // a property of the goals: plan "pro" (A, D), "basic" (C)
        assertThat(service().breakdown(ADMIN, query(null), Dimension.parse("prop:plan"), metrics, 10))
                .extracting(r -> r.value() + " " + rounded(r.values(), Metric.CONVERSION_RATE))
                .containsExactly("pro " + round(2.0 / 6), "basic " + round(1.0 / 6));
    }

    @Test
    void aBreakdownWithItsVisitorsIsTheBreakdownAndTheOverviewsVisitorsInOneAnswer() {
        for (String filters : new String[] {null, "country==KE", "exit_page==/pricing"}) {
            StatsQuery query = query(filters);
            long visitors = statsReader().overview(query).count(Metric.VISITORS);
            for (String dimension : List.of("page", "entry_page", "exit_page", "event", "country", "referrer", "prop:plan")) {
                StatsReader.BreakdownWithVisitors both = statsReader().breakdownWithVisitors(query, Dimension.parse(dimension), 10);
                assertThat(both.rows()).as(dimension + " " + filters).isEqualTo(statsReader().breakdown(query, Dimension.parse(dimension), 10));
                assertThat(both.allVisitors()).as(dimension + " " + filters).isEqualTo(both.rows().isEmpty() ? 0 : visitors);
            }
        }
    }

    // ------------------------------------------------------------------------------------------ funnels

    private static final FunnelDefinition SIGN_UP_FUNNEL = new FunnelDefinition(
            List.of(FunnelStep.page("/pricing"), FunnelStep.event("Signed Up"), FunnelStep.page("/welcome")), Duration.ofMinutes(60));

    @Test
    void funnelCountsOrderedStepsWithinTheWindowOfTheFirstStep() {
        // step 1: U1 U2 U3 U4 U5 U6 U8 (not U7 without /pricing, U9 whose /pricing is before the range, the bot);
        // step 2: U1, U2 (10:30), U8 (11:00:00, at the window's end); U3 skipped it, U4 signed up before,
        // U5 90 min later, U6 at the same time; step 3: U1 (U2's /welcome came before its sign-up, U8's too late)
        assertThat(statsReader().funnel(funnelQuery(null), SIGN_UP_FUNNEL)).containsExactly(7L, 3L, 1L);
        // Kenyan visitors U1-U4
        assertThat(statsReader().funnel(funnelQuery("country==KE"), SIGN_UP_FUNNEL)).containsExactly(4L, 2L, 1L);
        // starting with an event: sign-ups of U1 U2 U4 U5 U6 U7 U8 U9 (00:05, in range); /welcome after it
        // within the hour: U1 (10:20), U4 (10:10 after 09:50), U8 (1 s later)
        FunnelDefinition signUpToWelcome = new FunnelDefinition(List.of(FunnelStep.event("Signed Up"), FunnelStep.page("/welcome")),
                Duration.ofMinutes(60));
        assertThat(statsReader().funnel(funnelQuery(null), signUpToWelcome)).containsExactly(8L, 3L);
        // a window of 1 minute: nobody signs up within a minute after /pricing (U6 at the same time does not count)
        assertThat(statsReader().funnel(funnelQuery(null), new FunnelDefinition(SIGN_UP_FUNNEL.steps(), Duration.ofMinutes(1))))
                .containsExactly(7L, 0L, 0L);
        assertThat(statsReader().funnel(new StatsQuery(FUNNEL, FROM, TO, ZoneOffset.UTC, List.of()), SIGN_UP_FUNNEL))
                .as("no events in range").containsExactly(0L, 0L, 0L);
    }

    @Test
    void funnelRatesAndDropOffs() {
        FunnelResult result = service().funnel(ADMIN, funnelQuery(null), SIGN_UP_FUNNEL);

        assertThat(result.steps()).extracting(s -> s.number() + " " + s.visitors() + " " + round(s.conversionRate()) + " "
                        + round(s.stepConversionRate()) + " " + s.dropOff())
                .containsExactly("1 7 1.0 1.0 0", "2 3 " + round(3.0 / 7) + " " + round(3.0 / 7) + " 4",
                        "3 1 " + round(1.0 / 7) + " " + round(1.0 / 3) + " 2");
    }

    // ---------------------------------------------------------------------------------------- retention

    @Test
    void weeklyRetentionAcrossAWeekBoundaryInUtc() {
        // R3's 04-07 23:30 is the Sunday of the first week, 04-08 00:30 the Monday of the second.
        // Cohort 04-01: R1, R2, R3; back in week 1: R1 (04-09), R3; in week 2: R2 (04-16).
        // Cohort 04-08: R4 (its 03-30 event is before the range). Cohort 04-15: R5. The bot is not counted.
        Retention retention = service().retention(ADMIN, StatsQuery.parse(RETENTION, "2024-04-01", "2024-04-22", "UTC", null), Interval.WEEK);

        assertCohorts(retention, List.of(
                "2024-04-01 3: 0=3 1.0, 1=2 " + round(2.0 / 3) + ", 2=1 " + round(1.0 / 3),
                "2024-04-08 1: 0=1 1.0, 1=0 0.0",
                "2024-04-15 1: 0=1 1.0"));
    }

    @Test
    void weeklyRetentionInNairobi() {
        // UTC+3: R3's events are both Monday 04-08 (02:30, 03:30), so R3 belongs to the second week's cohort.
        Retention retention = service().retention(ADMIN,
                StatsQuery.parse(RETENTION, "2024-04-01", "2024-04-22", "Africa/Nairobi", null), Interval.WEEK);

        assertCohorts(retention, List.of(
                "2024-04-01 2: 0=2 1.0, 1=1 0.5, 2=1 0.5",
                "2024-04-08 2: 0=2 1.0, 1=0 0.0",
                "2024-04-15 1: 0=1 1.0"));
    }

    @Test
    void dailyRetentionAcrossMidnightDependsOnTheZone() {
        // R3 at 04-07 23:30 and 04-08 00:30 UTC: two days in UTC, one (04-08) in Nairobi
        assertCohorts(service().retention(ADMIN, StatsQuery.parse(RETENTION, "2024-04-07", "2024-04-09", "UTC", null), Interval.DAY),
                List.of("2024-04-07 1: 0=1 1.0, 1=1 1.0", "2024-04-08 0: 0=0 0.0"));
        assertCohorts(service().retention(ADMIN, StatsQuery.parse(RETENTION, "2024-04-07", "2024-04-09", "Africa/Nairobi", null),
                        Interval.DAY),
                List.of("2024-04-07 0: 0=0 0.0, 1=0 0.0", "2024-04-08 1: 0=1 1.0"));
    }

    @Test
    void monthlyRetention() {
        // R4 first seen 03-30, back in April; R1 R2 R3 R5 first seen in April
        assertCohorts(service().retention(ADMIN, StatsQuery.parse(RETENTION, "2024-03-01", "2024-05-01", "UTC", null), Interval.MONTH),
                List.of("2024-03-01 1: 0=1 1.0, 1=1 1.0", "2024-04-01 4: 0=4 1.0"));
    }

    @Test
    void retentionRowsOfTheReader() {
        // what the service builds the table from: only non-zero (cohort, period) pairs
        assertThat(statsReader().retention(StatsQuery.parse(RETENTION, "2024-03-01", "2024-05-01", "UTC", null), Interval.MONTH))
                .extracting(a -> a.cohortStart() + " " + a.periodStart() + " " + a.visitors())
                .containsExactly("2024-03-01T00:00 2024-03-01T00:00 1", "2024-03-01T00:00 2024-04-01T00:00 1",
                        "2024-04-01T00:00 2024-04-01T00:00 4");
    }

    // ------------------------------------------------------------------------------------- latest events

    @Test
    void latestEventsAreTheNewestNonBotEventsFirst() {
        // from 03-10: a3-1, h1-1, g1-1, f1-2, f1-1, c1-3, then c1-2; the bot's 10:00 pages are left out
        assertThat(statsReader().latestEvents(WEB, Instant.parse("2024-03-10T00:00:00Z"), 6))
                .extracting(StoreContract::describe)
                .containsExactly("2024-03-12T08:00:00Z page / / KE desktop",
                        "2024-03-11T04:30:00Z page /pricing /pricing US desktop",
                        "2024-03-10T14:00:00Z track Video Played /docs KE desktop",
                        "2024-03-10T09:00:40Z page /post-2 /post-2 null desktop",
                        "2024-03-10T09:00:00Z page /post-1 /post-1 null desktop",
                        "2024-03-10T00:12:00Z page /thanks /thanks DE desktop");
        // the name shown by type: a track's name, a screen's name, none for an identify
        assertThat(statsReader().latestEvents(APP, FROM, 10)).extracting(StoreContract::describe)
                .containsExactly("2024-03-09T16:00:00Z track App Opened null KE desktop",
                        "2024-03-09T15:01:00Z identify null null KE mobile",
                        "2024-03-09T15:00:00Z screen Home null KE mobile");
        assertThat(statsReader().latestEvents(WEB, Instant.parse("2024-03-13T00:00:00Z"), 20)).isEmpty();
        // a screen named only in properties.name (m3-1) shows that name
        assertThat(statsReader().latestEvents(MOBILE, Instant.parse("2024-03-09T09:30:00Z"), 10)).extracting(StoreContract::describe)
                .containsExactly("2024-03-09T13:02:00Z screen Income null KE mobile",
                        "2024-03-09T13:00:00Z screen Home null KE mobile",
                        "2024-03-09T10:00:00Z screen Income null KE mobile");
    }

    private static String describe(LatestEvent event) {
        return event.timestamp() + " " + event.type() + " " + event.name() + " " + event.path() + " " + event.country() + " "
                + event.device();
    }

    // ----------------------------------------------------------------------------- idempotency, erase

    @Test
    void writingTheSameBatchAgainCountsNothingTwice() {
        dataWillChange();
        // a retry of the first batch with its token, then the same events under another token
        eventStore().write(ContractDataset.firstBatch(), FIRST_BATCH_TOKEN);
        eventStore().write(ContractDataset.firstBatch(), "another-token");
        eventStore().write(ContractDataset.retryBatch(), RETRY_BATCH_TOKEN);
        eventStore().write(List.of(), "an-empty-batch");
        assertMetrics("web after rewrites", statsReader().overview(query(null)), expect(6, 12, 16, 7, 1.0 / 7, 4780.0 / 7, 12.0 / 7));
        assertMetrics("app after rewrites", statsReader().overview(new StatsQuery(APP, FROM, TO, ZoneOffset.UTC, List.of())),
                expect(2, 1, 3, 2, 1.0 / 2, 60.0 / 2, 1.0 / 2));
        assertThat(statsReader().breakdown(query(null), Dimension.parse("event"), 10))
                .extracting(r -> r.value() + "=" + r.values().count(Metric.EVENTS))
                .containsExactly("Signup Clicked=2", "Purchase=1", "Video Played=1");
    }

    private long erase(String source, String userId, String anonymousId) {
        return eventStore().erase(new Subject(source, userId, anonymousId));
    }

    @Test
    void eraseBySubjectInOneSource() {
        dataWillChange();
        // user-a in web: a1 (4), a2 (2), a3-1 = 7 events; the app event of user-a stays
        assertThat(erase(WEB, "user-a", null)).isEqualTo(7);
        // left in range: b1, c1, d1, f1, g1 = 1+3+3+2+1 = 10 events of B, C, D, F, G; 1+2+2+2+0 = 7
        // pageviews; 0+1320+2400+40+0 = 3760 s; b1 bounces
        assertMetrics("web after erasing user-a", statsReader().overview(query(null)), expect(5, 7, 10, 5, 1.0 / 5, 3760.0 / 5, 7.0 / 5));
        assertMetrics("app untouched", statsReader().overview(new StatsQuery(APP, FROM, TO, ZoneOffset.UTC, List.of())),
                expect(2, 1, 3, 2, 1.0 / 2, 60.0 / 2, 1.0 / 2));
        // b1-1 was written twice but is stored once
        assertThat(erase(WEB, null, "anon-b")).isEqualTo(1);
        // user-d only has web events
        assertThat(erase(APP, "user-d", null)).isZero();
        assertThat(statsReader().overview(query(null)).count(Metric.EVENTS)).isEqualTo(9);
    }

    @Test
    void eraseInEverySourceAndByEitherId() {
        dataWillChange();
        // anon-e: e1-1, e1-2 in app
        assertThat(erase(null, null, "anon-e")).isEqualTo(2);
        // user-a: 7 in web and 1 in app
        assertThat(erase(null, "user-a", null)).isEqualTo(8);
        assertThat(erase(null, "user-a", null)).as("nothing left to erase").isZero();
        // either id matches: user-d's d1 (3) and anon-c's c1 (3)
        assertThat(erase(WEB, "user-d", "anon-c")).isEqualTo(6);
        // left: b1, f1, g1, h1, the bot's two events
        assertThat(statsReader().sources()).containsExactly(FUNNEL, MOBILE, RETENTION, WEB);
        assertMetrics("web after erasing", statsReader().overview(query(null)), expect(3, 3, 4, 3, 1.0 / 3, 40.0 / 3, 3.0 / 3));
    }

    @Test
    void engagementReportsAreNoInteraction() {
        dataWillChange();
        eventStore().write(ContractDataset.engagementReports(), "engagement-reports");
        // as without them: b1 still bounces with 0 s, no visitor N, no session n1, no seventeenth event
        assertMetrics("web with engagement reports", statsReader().overview(query(null)),
                expect(6, 12, 16, 7, 1.0 / 7, 4780.0 / 7, 12.0 / 7));
        assertThat(statsReader().breakdown(query(null), Dimension.parse("event"), 10))
                .extracting(r -> r.value() + "=" + r.values().count(Metric.EVENTS))
                .containsExactly("Signup Clicked=2", "Purchase=1", "Video Played=1");
        assertThat(statsReader().timeseries(query(null), Interval.HOUR)).extracting(p -> p.bucketStart().toString())
                .as("no bucket of its own at 13:00").doesNotContain("2024-03-09T13:00");
        assertThat(statsReader().breakdown(query("event==$engagement"), Dimension.parse("page"), 10)).isEmpty();
    }

    @Test
    void storeIsReady() {
        assertThat(eventStore().isReady()).isTrue();
    }

    // ------------------------------------------------------------------------------------------ helpers

    private static final DashboardUser ADMIN = new DashboardUser("admin@contract.example", Role.ADMIN, "not-a-real-hash", Set.of(),
            Instant.parse("2024-01-01T00:00:00Z"));

    /** The application service over this store: the numbers it derives (rates, offsets) from the store's. */
    private StatsService service() {
        return new StatsService(statsReader(), WriteKeys.parse(""), Clock.systemUTC());
    }

    /** The funnel source's day, [2024-04-01, 2024-04-02) UTC. */
    private static StatsQuery funnelQuery(String filters) {
        return StatsQuery.parse(FUNNEL, "2024-04-01", "2024-04-02", "UTC", filters);
    }

    /** Each cohort as "start size: offset=visitors rate, ..." with rates rounded as {@link #round}. */
    private static void assertCohorts(Retention retention, List<String> expected) {
        assertThat(retention.cohorts()).extracting(c -> c.start() + " " + c.visitors() + ": " + c.returning().stream()
                        .map(r -> r.offset() + "=" + r.visitors() + " " + round(r.rate()))
                        .collect(Collectors.joining(", ")))
                .containsExactlyElementsOf(expected);
    }

    private static double rounded(MetricValues values, Metric metric) {
        return round(values.decimal(metric));
    }

    private static double round(double value) {
        return Math.round(value * 1e9) / 1e9;
    }

    /** The main range in UTC with the given filters (the API's grammar; null for none). */
    protected static StatsQuery query(String filters) {
        return StatsQuery.parse(WEB, FROM.toString(), TO.toString(), "UTC", filters);
    }

    private List<BreakdownRow> breakdown(String dimension, String filters, int limit) {
        return statsReader().breakdown(query(filters), Dimension.parse(dimension), limit);
    }

    private void assertOverview(String filters, MetricsExpectation expected) {
        assertMetrics("filter " + filters, statsReader().overview(query(filters)), expected);
    }

    /** The seven metrics; rates rounded to 9 decimals so both sides compare equal despite summing order. */
    protected record MetricsExpectation(long visitors, long pageviews, long events, long sessions, double bounceRate,
                                        double avgSessionSeconds, double viewsPerSession) {
        protected MetricsExpectation {
            bounceRate = round(bounceRate);
            avgSessionSeconds = round(avgSessionSeconds);
            viewsPerSession = round(viewsPerSession);
        }

        static MetricsExpectation of(MetricValues values) {
            return new MetricsExpectation(values.count(Metric.VISITORS), values.count(Metric.PAGEVIEWS),
                    values.count(Metric.EVENTS), values.count(Metric.SESSIONS), values.decimal(Metric.BOUNCE_RATE),
                    values.decimal(Metric.AVG_SESSION_SECONDS), values.decimal(Metric.VIEWS_PER_SESSION));
        }

        private static double round(double value) {
            return Math.round(value * 1e9) / 1e9;
        }
    }

    protected record ExpectedRow(String value, MetricsExpectation metrics) {
    }

    protected record ExpectedPoint(LocalDateTime bucketStart, MetricsExpectation metrics) {
    }

    protected static MetricsExpectation expect(long visitors, long pageviews, long events, long sessions, double bounceRate,
                                               double avgSessionSeconds, double viewsPerSession) {
        return new MetricsExpectation(visitors, pageviews, events, sessions, bounceRate, avgSessionSeconds, viewsPerSession);
    }

    protected static ExpectedRow row(String value, MetricsExpectation metrics) {
        return new ExpectedRow(value, metrics);
    }

    /** @param localBucketStart local time in the query's zone, e.g. {@code 2024-03-09T10:00} */
    protected static ExpectedPoint point(String localBucketStart, MetricsExpectation metrics) {
        return new ExpectedPoint(LocalDateTime.parse(localBucketStart), metrics);
    }

    protected static void assertMetrics(String what, MetricValues actual, MetricsExpectation expected) {
        assertThat(MetricsExpectation.of(Objects.requireNonNull(actual, what))).as(what).isEqualTo(expected);
    }

    protected static void assertRows(List<BreakdownRow> actual, List<ExpectedRow> expected) {
        assertThat(actual).extracting(r -> new ExpectedRow(r.value(), MetricsExpectation.of(r.values())))
                .containsExactlyElementsOf(expected);
    }

    protected static void assertPoints(List<TimeseriesPoint> actual, List<ExpectedPoint> expected) {
        assertThat(actual).extracting(p -> new ExpectedPoint(p.bucketStart(), MetricsExpectation.of(p.values())))
                .containsExactlyElementsOf(expected);
    }
}
