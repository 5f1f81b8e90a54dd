package app.tax.analytics.application.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import app.tax.analytics.application.port.in.AccessDeniedException;
import app.tax.analytics.application.port.in.QueryStats.ComparedTimeseries;
import app.tax.analytics.application.port.in.QueryStats.Overview;
import app.tax.analytics.application.port.in.QueryStats.Realtime;
import app.tax.analytics.application.port.out.StatsReader;
import app.tax.analytics.application.testing.MutableClock;
import app.tax.analytics.domain.source.WriteKeys;
import app.tax.analytics.domain.stats.BreakdownRow;
import app.tax.analytics.domain.stats.Comparison;
import app.tax.analytics.domain.stats.CohortActivity;
import app.tax.analytics.domain.stats.Dimension;
import app.tax.analytics.domain.stats.DimensionKind;
import app.tax.analytics.domain.stats.Freshness;
import app.tax.analytics.domain.stats.FunnelDefinition;
import app.tax.analytics.domain.stats.FunnelResult;
import app.tax.analytics.domain.stats.FunnelStep;
import app.tax.analytics.domain.stats.Interval;
import app.tax.analytics.domain.stats.InvalidQueryException;
import app.tax.analytics.domain.stats.LatestEvent;
import app.tax.analytics.domain.stats.Metric;
import app.tax.analytics.domain.stats.MetricList;
import app.tax.analytics.domain.stats.MetricMath;
import app.tax.analytics.domain.stats.MetricValues;
import app.tax.analytics.domain.stats.Retention;
import app.tax.analytics.domain.stats.StatsQuery;
import app.tax.analytics.domain.stats.TimeseriesPoint;
import app.tax.analytics.domain.user.DashboardUser;
import app.tax.analytics.domain.user.Role;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class StatsServiceTest {
    private static final MetricValues CURRENT = MetricMath.from(3, 7, 12, 4, 1, 330.5);
    private static final MetricValues PREVIOUS = MetricMath.from(1, 1, 1, 1, 1, 0);
    private static final Instant CREATED = Instant.parse("2026-01-01T00:00:00Z");

    private final MutableClock clock = new MutableClock("2026-03-10T12:00:00Z");
    private final RecordingReader reader = new RecordingReader();
    private final StatsService service = new StatsService(reader, WriteKeys.parse("web:wk_web_0123456789,app:wk_app_0123456789"), clock);
    private final DashboardUser admin = new DashboardUser("admin@tax.example", Role.ADMIN, "h", Set.of(), CREATED);
    private final DashboardUser webViewer = new DashboardUser("viewer@tax.example", Role.VIEWER, "h", Set.of("web"), CREATED);
    private static final FunnelDefinition PRICING_TO_SIGNUP = new FunnelDefinition(
            List.of(FunnelStep.page("/pricing"), FunnelStep.event("Signed Up")), Duration.ofHours(1));
    private final StatsQuery week = StatsQuery.parse("web", "2026-03-02", "2026-03-09", "Africa/Nairobi", null);

    /** Answers from fixed data and records what it was asked. */
    private static final class RecordingReader implements StatsReader {
        final List<StatsQuery> overviewQueries = new ArrayList<>();
        final List<Object> calls = new ArrayList<>();
        List<TimeseriesPoint> points = List.of();
        List<BreakdownRow> rows = List.of();
        Instant visitorsSince;
        Instant latestSince;
        List<Long> funnelCounts = List.of(4L, 2L);
        List<CohortActivity> activity = List.of();
        List<LatestEvent> latest = List.of();

        @Override
        public MetricValues overview(StatsQuery query) {
            overviewQueries.add(query);
            calls.add("overview");
            return overviewQueries.size() == 1 ? CURRENT : PREVIOUS;
        }

        @Override
        public List<TimeseriesPoint> timeseries(StatsQuery query, Interval interval) {
            calls.add(interval);
            return points;
        }

        @Override
        public List<BreakdownRow> breakdown(StatsQuery query, Dimension dimension, int limit) {
            calls.add(dimension.wireName() + ":" + limit);
            return rows;
        }

        @Override
        public List<Long> funnel(StatsQuery query, FunnelDefinition funnel) {
            calls.add("funnel");
            return funnelCounts;
        }

        @Override
        public List<CohortActivity> retention(StatsQuery query, Interval period) {
            calls.add("retention:" + period.wireName());
            return activity;
        }

        @Override
        public List<LatestEvent> latestEvents(String source, Instant since, int limit) {
            calls.add("latest:" + limit);
            latestSince = since;
            return latest;
        }

        @Override
        public long visitorsSince(String source, Instant since) {
            calls.add("realtime");
            visitorsSince = since;
            return 5;
        }

        @Override
        public Freshness freshness(StatsQuery query, Instant now) {
            calls.add("freshness");
            return Freshness.of(10, 1, 10, 3_600_000, now);
        }

        @Override
        public List<String> sources() {
            return List.of("legacy", "web");
        }
    }

    @Test
    void theOverviewComparesWithTheEquallyLongPeriodBefore() {
        Overview overview = service.overview(webViewer, week);

        assertThat(overview).isEqualTo(new Overview(CURRENT, PREVIOUS));
        assertThat(reader.overviewQueries).containsExactly(week, week.previousPeriod());
        assertThat(reader.overviewQueries.get(1).to()).isEqualTo(week.from());
    }

    @Test
    void theOverviewComparesWithTheSameRangeAYearBeforeOrAChosenOne() {
        service.overview(webViewer, week, Comparison.YEAR_BEFORE);
        Comparison.Custom december = new Comparison.Custom(Instant.parse("2025-12-01T00:00:00Z"), Instant.parse("2025-12-04T00:00:00Z"));
        service.overview(webViewer, week, december);

        assertThat(reader.overviewQueries).containsExactly(week,
                StatsQuery.parse("web", "2025-03-02", "2025-03-09", "Africa/Nairobi", null), week,
                week.withRange(december.from(), december.to()));
    }

    @Test
    void aShorterComparedRangeIsPaddedWithZerosToTheCurrentSeriesLength() {
        Comparison.Custom threeDays = new Comparison.Custom(Instant.parse("2025-12-01T00:00:00Z"), Instant.parse("2025-12-04T00:00:00Z"));

        ComparedTimeseries series = service.timeseriesCompared(webViewer, week, Interval.DAY, EnumSet.of(Metric.VISITORS), threeDays);

        assertThat(series.current()).hasSize(7);
        assertThat(series.previous()).extracting(p -> p.bucketStart().toLocalDate().toString()).containsExactly("2025-12-01",
                "2025-12-02", "2025-12-03", "2025-12-04", "2025-12-05", "2025-12-06", "2025-12-07");
    }

    @Test
    void timeseriesHasEveryBucketWithZerosWhereTheStoreHadNothing() {
        LocalDateTime tuesday = LocalDateTime.parse("2026-03-03T00:00");
        LocalDateTime outside = LocalDateTime.parse("2026-03-20T00:00");
        reader.points = List.of(new TimeseriesPoint(tuesday, CURRENT), new TimeseriesPoint(outside, CURRENT));
        Set<Metric> metrics = EnumSet.of(Metric.VISITORS, Metric.BOUNCE_RATE);

        List<TimeseriesPoint> points = service.timeseries(webViewer, week, Interval.DAY, metrics);

        assertThat(points).extracting(TimeseriesPoint::bucketStart)
                .containsExactly(LocalDateTime.parse("2026-03-02T00:00"), tuesday, LocalDateTime.parse("2026-03-04T00:00"),
                        LocalDateTime.parse("2026-03-05T00:00"), LocalDateTime.parse("2026-03-06T00:00"),
                        LocalDateTime.parse("2026-03-07T00:00"), LocalDateTime.parse("2026-03-08T00:00"));
        assertThat(points.get(1).values().values()).containsOnly(Map.entry(Metric.VISITORS, 3L), Map.entry(Metric.BOUNCE_RATE, 0.25));
        assertThat(points.get(0).values().values()).containsOnly(Map.entry(Metric.VISITORS, 0L), Map.entry(Metric.BOUNCE_RATE, 0.0));
        assertThat(reader.calls).containsExactly(Interval.DAY);
    }

    @Test
    void tooManyBucketsAreRefusedBeforeAskingTheStore() {
        StatsQuery year = StatsQuery.parse("web", "2025-01-01", "2026-01-01", null, null);

        assertThatThrownBy(() -> service.timeseries(admin, year, Interval.HOUR, Metric.PER_RANGE))
                .isInstanceOf(InvalidQueryException.class);
        assertThat(reader.calls).isEmpty();
    }

    @Test
    void breakdownKeepsTheRequestedMetricsAndPassesTheLimit() {
        reader.rows = List.of(new BreakdownRow("/pricing", CURRENT), new BreakdownRow(null, PREVIOUS));

        List<BreakdownRow> rows = service.breakdown(admin, week, Dimension.of(DimensionKind.PAGE), EnumSet.of(Metric.PAGEVIEWS), 10);

        assertThat(rows).containsExactly(
                new BreakdownRow("/pricing", new MetricValues(Map.of(Metric.PAGEVIEWS, 7L))),
                new BreakdownRow(null, new MetricValues(Map.of(Metric.PAGEVIEWS, 1L))));
        assertThat(reader.calls).containsExactly("page:10");
    }

    @ParameterizedTest
    @ValueSource(ints = {0, -1, StatsService.MAX_BREAKDOWN_ROWS + 1})
    void breakdownLimitsOutOfBoundsAreRefused(int limit) {
        assertThatThrownBy(() -> service.breakdown(admin, week, Dimension.of(DimensionKind.PAGE), EnumSet.allOf(Metric.class), limit))
                .isInstanceOf(InvalidQueryException.class).hasMessage("limit: must be 1-1000");
        assertThat(reader.calls).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(ints = {1, StatsService.MAX_BREAKDOWN_ROWS})
    void breakdownLimitsAtTheBoundsAreAccepted(int limit) {
        service.breakdown(admin, week, Dimension.of(DimensionKind.COUNTRY), EnumSet.allOf(Metric.class), limit);

        assertThat(reader.calls).containsExactly("country:" + limit);
    }

    @Test
    void realtimeCountsTheLastFiveMinutes() {
        assertThat(service.realtime(webViewer, "web").visitors()).isEqualTo(5);
        assertThat(reader.visitorsSince).isEqualTo(clock.instant().minusSeconds(300));
    }

    @Test
    void aViewerOfAnotherSourceIsDeniedEveryReadAndTheStoreIsNotAsked() {
        StatsQuery appWeek = StatsQuery.parse("app", "2026-03-02", "2026-03-09", null, null);
        List<Consumer<DashboardUser>> reads = List.of(
                viewer -> service.overview(viewer, appWeek),
                viewer -> service.timeseries(viewer, appWeek, Interval.DAY, Metric.PER_RANGE),
                viewer -> service.timeseriesWithPrevious(viewer, appWeek, Interval.DAY, Metric.PER_RANGE),
                viewer -> service.breakdown(viewer, appWeek, Dimension.of(DimensionKind.PAGE), EnumSet.allOf(Metric.class), 10),
                viewer -> service.funnel(viewer, appWeek, PRICING_TO_SIGNUP),
                viewer -> service.retention(viewer, appWeek, Interval.DAY),
                viewer -> service.realtime(viewer, "app"));

        for (Consumer<DashboardUser> read : reads) {
            assertThatThrownBy(() -> read.accept(webViewer))
                    .isInstanceOf(AccessDeniedException.class).hasMessage("no access to source 'app'");
        }
        assertThat(reader.calls).isEmpty();
        reads.forEach(read -> read.accept(admin));
        // overview twice, timeseries once and twice, breakdown, funnel, retention, realtime twice
        assertThat(reader.calls).hasSize(10);
    }

    @Test
    void sourcesAreTheConfiguredOnesAndThoseWithDataThatTheViewerMaySee() {
        assertThat(service.sources(admin)).containsExactly("web", "app", "legacy");
        assertThat(service.sources(webViewer)).containsExactly("web");
    }

    @Test
    void noMetricsMeansAllOfThemInOrder() {
        assertThat(MetricList.parse(null)).containsExactly(Metric.values());
        assertThat(MetricList.parse(" ")).containsExactly(Metric.values());
    }

    @Test
    void metricsAreReadInTheGivenOrderWithoutRepeats() {
        assertThat(MetricList.parse("bounceRate, visitors,bounceRate,")).containsExactly(Metric.BOUNCE_RATE, Metric.VISITORS);
    }

    @ParameterizedTest
    @ValueSource(strings = {"visitors,uniques", "visitors,,events", "Visitors"})
    void unknownMetricsAreNamed(String text) {
        assertThatThrownBy(() -> MetricList.parse(text))
                .isInstanceOf(InvalidQueryException.class)
                .hasMessageStartingWith("metrics: unknown metric '")
                .hasMessageContaining("one of " + Metric.NAMES);
    }

    @Test
    void thePreviousSeriesHasAsManyPointsAsTheCurrentOne() {
        // March 2026 has 31 days; the 31 days before start on Thursday 01-29; buckets pair by position
        StatsQuery march = StatsQuery.parse("web", "2026-03-01", "2026-04-01", null, null);

        ComparedTimeseries series = service.timeseriesWithPrevious(admin, march, Interval.WEEK, EnumSet.of(Metric.VISITORS));

        // weeks of 02-23 .. 03-30 now, 01-26 .. 02-23 before: 6 and 5, so the last previous point is a zero past the range
        assertThat(series.current()).hasSize(6);
        assertThat(series.previous()).extracting(TimeseriesPoint::bucketStart).containsExactly(
                LocalDateTime.parse("2026-01-26T00:00"), LocalDateTime.parse("2026-02-02T00:00"),
                LocalDateTime.parse("2026-02-09T00:00"), LocalDateTime.parse("2026-02-16T00:00"),
                LocalDateTime.parse("2026-02-23T00:00"), LocalDateTime.parse("2026-03-02T00:00"));
        assertThat(series.previous().get(5).values().count(Metric.VISITORS)).isZero();
        assertThat(reader.calls).containsExactly(Interval.WEEK, Interval.WEEK);
    }

    @Test
    void aSeriesRefusesTheBreakdownOnlyConversionRate() {
        assertThatThrownBy(() -> service.timeseries(admin, week, Interval.DAY, EnumSet.of(Metric.CONVERSION_RATE)))
                .isInstanceOf(InvalidQueryException.class).hasMessage("metrics: conversionRate is a breakdown metric only");
        assertThatThrownBy(() -> MetricList.parseSeries("visitors,conversionRate"))
                .isInstanceOf(InvalidQueryException.class).hasMessage("metrics: conversionRate is a breakdown metric only");
        assertThat(MetricList.parseSeries(null)).containsExactlyElementsOf(Metric.PER_RANGE);
        assertThat(reader.calls).isEmpty();
    }

    @Test
    void conversionRateIsTheRowsVisitorsOverAllVisitorsOfTheQuery() {
        // CURRENT has 3 visitors in all (the overview); rows with 3 and 1
        reader.rows = List.of(new BreakdownRow("Signed Up", CURRENT), new BreakdownRow("Purchase", PREVIOUS));

        List<BreakdownRow> rows = service.breakdown(admin, week, Dimension.of(DimensionKind.EVENT),
                EnumSet.of(Metric.VISITORS, Metric.CONVERSION_RATE), 10);

        assertThat(rows).extracting(r -> r.values().decimal(Metric.CONVERSION_RATE)).containsExactly(1.0, 1.0 / 3);
        assertThat(reader.overviewQueries).containsExactly(week);
    }

    @Test
    void rowsUnderAViewersMinimumLoseTheirNumbersEvenWhenVisitorsWereNotAsked() {
        // CURRENT has 3 visitors, PREVIOUS 1; the limit is 2
        DashboardUser limited = new DashboardUser("small@tax.example", Role.VIEWER, "h", Set.of("web"), CREATED, 0, 2);
        reader.rows = List.of(new BreakdownRow("Signed Up", CURRENT), new BreakdownRow("Purchase", PREVIOUS));

        List<BreakdownRow> rows = service.breakdown(limited, week, Dimension.of(DimensionKind.EVENT),
                EnumSet.of(Metric.PAGEVIEWS, Metric.CONVERSION_RATE), 10);

        assertThat(rows.get(0).isSuppressed()).isFalse();
        assertThat(rows.get(0).values().decimal(Metric.CONVERSION_RATE)).isEqualTo(1.0);
        assertThat(rows.get(1)).isEqualTo(BreakdownRow.suppressed("Purchase", EnumSet.of(Metric.PAGEVIEWS, Metric.CONVERSION_RATE), 2));
        assertThat(rows.get(1).values().count(Metric.PAGEVIEWS)).isZero();
    }

    @Test
    void aViewerWithAMinimumGetsTheRealtimeCountButNoSingleEvents() {
        DashboardUser limited = new DashboardUser("small@tax.example", Role.VIEWER, "h", Set.of("web"), CREATED, 0, 5);

        Realtime realtime = service.realtime(limited, "web");

        assertThat(realtime.events()).isEmpty();
        assertThat(reader.calls).doesNotContain("latest:20");
    }

    @Test
    void aFunnelGetsItsRatesAndDropOffsFromTheCounts() {
        FunnelResult result = service.funnel(admin, week, PRICING_TO_SIGNUP);

        assertThat(result.steps()).containsExactly(
                new FunnelResult.StepResult(1, FunnelStep.page("/pricing"), 4, 1.0, 1.0, 0),
                new FunnelResult.StepResult(2, FunnelStep.event("Signed Up"), 2, 0.5, 0.5, 2));
        assertThat(result.window()).isEqualTo(Duration.ofHours(1));
    }

    @Test
    void retentionHasACohortPerPeriodWithOffsetsUpToTheEndOfTheRange() {
        reader.activity = List.of(
                new CohortActivity(LocalDateTime.parse("2026-03-02T00:00"), LocalDateTime.parse("2026-03-02T00:00"), 4),
                new CohortActivity(LocalDateTime.parse("2026-03-02T00:00"), LocalDateTime.parse("2026-03-04T00:00"), 1));
        StatsQuery threeDays = StatsQuery.parse("web", "2026-03-02", "2026-03-05", "Africa/Nairobi", null);

        Retention retention = service.retention(admin, threeDays, Interval.DAY);

        assertThat(retention.cohorts()).extracting(Retention.Cohort::start)
                .containsExactly(LocalDate.parse("2026-03-02"), LocalDate.parse("2026-03-03"), LocalDate.parse("2026-03-04"));
        assertThat(retention.cohorts().get(0).returning()).containsExactly(
                new Retention.Returning(0, 4, 1.0), new Retention.Returning(1, 0, 0.0), new Retention.Returning(2, 1, 0.25));
        assertThat(retention.cohorts().get(2).returning()).containsExactly(new Retention.Returning(0, 0, 0.0));
        assertThatThrownBy(() -> service.retention(admin, threeDays, Interval.HOUR)).isInstanceOf(InvalidQueryException.class);
        assertThatThrownBy(() -> service.retention(admin, StatsQuery.parse("web", "2024-01-01", "2026-01-01", null, null), Interval.DAY))
                .isInstanceOf(InvalidQueryException.class).hasMessageStartingWith("period: 'day' gives more than 366");
        assertThat(reader.calls).containsExactly("retention:day");
    }

    @Test
    void realtimeHasTheLatestTwentyEventsOfTheLastFiveMinutes() {
        reader.latest = List.of(LatestEvent.of(clock.instant(), "track", "Signed Up", null, "/pricing", "KE", "mobile"));

        Realtime realtime = service.realtime(webViewer, "web");

        assertThat(realtime.visitors()).isEqualTo(5);
        assertThat(realtime.events()).extracting(LatestEvent::name).containsExactly("Signed Up");
        assertThat(reader.latestSince).isEqualTo(clock.instant().minusSeconds(300));
        assertThat(reader.calls).containsExactly("realtime", "latest:20");
    }
}
