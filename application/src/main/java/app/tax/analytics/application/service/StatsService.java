package app.tax.analytics.application.service;

import app.tax.analytics.application.port.in.AccessDeniedException;
import app.tax.analytics.application.port.in.QueryStats;
import app.tax.analytics.application.port.out.StatsReader;
import app.tax.analytics.domain.access.Viewer;
import app.tax.analytics.domain.source.WriteKeys;
import app.tax.analytics.domain.stats.BreakdownRow;
import app.tax.analytics.domain.stats.Comparison;
import app.tax.analytics.domain.stats.Dimension;
import app.tax.analytics.domain.stats.Freshness;
import app.tax.analytics.domain.stats.FunnelDefinition;
import app.tax.analytics.domain.stats.FunnelResult;
import app.tax.analytics.domain.stats.InvalidQueryException;
import app.tax.analytics.domain.stats.Interval;
import app.tax.analytics.domain.stats.LatestEvent;
import app.tax.analytics.domain.stats.Metric;
import app.tax.analytics.domain.stats.MetricList;
import app.tax.analytics.domain.stats.MetricValues;
import app.tax.analytics.domain.stats.Retention;
import app.tax.analytics.domain.stats.StatsQuery;
import app.tax.analytics.domain.stats.TimeseriesPoint;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;

/** {@link QueryStats}: access checks, previous period, empty buckets, metric selection, derived rates. */
public final class StatsService implements QueryStats {
    public static final int MAX_BREAKDOWN_ROWS = 1000;
    static final Duration REALTIME_WINDOW = Duration.ofMinutes(5);
    static final int REALTIME_EVENTS = 20;

    private final StatsReader reader;
    private final WriteKeys writeKeys;
    private final Clock clock;

    public StatsService(StatsReader reader, WriteKeys writeKeys, Clock clock) {
        this.reader = Objects.requireNonNull(reader);
        this.writeKeys = Objects.requireNonNull(writeKeys);
        this.clock = Objects.requireNonNull(clock);
    }

    @Override
    public Overview overview(Viewer viewer, StatsQuery query, Comparison comparison) {
        checkAccess(viewer, query.source());
        return new Overview(reader.overview(query), reader.overview(comparison.comparedQuery(query)));
    }

    @Override
    public List<TimeseriesPoint> timeseries(Viewer viewer, StatsQuery query, Interval interval, Set<Metric> metrics) {
        checkAccess(viewer, query.source());
        checkSeriesMetrics(metrics);
        return filledSeries(query, interval, metrics);
    }

    @Override
    public ComparedTimeseries timeseriesCompared(Viewer viewer, StatsQuery query, Interval interval, Set<Metric> metrics,
                                                 Comparison comparison) {
        checkAccess(viewer, query.source());
        checkSeriesMetrics(metrics);
        List<TimeseriesPoint> current = filledSeries(query, interval, metrics);
        StatsQuery compared = comparison.comparedQuery(query);
        List<TimeseriesPoint> previous = new ArrayList<>(filledSeries(compared, interval, metrics));
        // Equal durations can still differ by a bucket (a DST change, months of other lengths), a custom range by
        // any number: pair by position.
        while (previous.size() > current.size()) {
            previous.remove(previous.size() - 1);
        }
        LocalDateTime next = previous.isEmpty() ? interval.bucketStart(LocalDateTime.ofInstant(compared.from(), query.zone()))
                : interval.next(previous.get(previous.size() - 1).bucketStart());
        while (previous.size() < current.size()) {
            previous.add(new TimeseriesPoint(next, MetricValues.zeros(metrics)));
            next = interval.next(next);
        }
        return new ComparedTimeseries(current, previous);
    }

    private List<TimeseriesPoint> filledSeries(StatsQuery query, Interval interval, Set<Metric> metrics) {
        List<LocalDateTime> buckets = interval.buckets(query.from(), query.to(), query.zone());
        Map<LocalDateTime, MetricValues> found = reader.timeseries(query, interval).stream()
                .collect(Collectors.toMap(TimeseriesPoint::bucketStart, TimeseriesPoint::values, (a, b) -> a));
        List<TimeseriesPoint> points = new ArrayList<>(buckets.size());
        for (LocalDateTime bucket : buckets) {
            MetricValues values = found.get(bucket);
            points.add(new TimeseriesPoint(bucket, values == null ? MetricValues.zeros(metrics) : values.select(metrics)));
        }
        return points;
    }

    private static void checkSeriesMetrics(Set<Metric> metrics) {
        MetricList.requirePerRange(metrics);
    }

    @Override
    public List<BreakdownRow> breakdown(Viewer viewer, StatsQuery query, Dimension dimension, Set<Metric> metrics, int limit) {
        checkAccess(viewer, query.source());
        if (limit < 1 || limit > MAX_BREAKDOWN_ROWS) {
            throw new InvalidQueryException("limit", "must be 1-" + MAX_BREAKDOWN_ROWS);
        }
        List<BreakdownRow> rows;
        List<BreakdownRow> selected;
        if (!metrics.contains(Metric.CONVERSION_RATE)) {
            rows = reader.breakdown(query, dimension, limit);
            selected = rows.stream().map(row -> new BreakdownRow(row.value(), row.values().select(metrics))).toList();
        } else {
            StatsReader.BreakdownWithVisitors breakdown = reader.breakdownWithVisitors(query, dimension, limit);
            long allVisitors = breakdown.allVisitors();
            rows = breakdown.rows();
            selected = rows.stream().map(row -> new BreakdownRow(row.value(), row.values()
                    .with(Metric.CONVERSION_RATE, allVisitors == 0 ? 0.0 : (double) row.values().count(Metric.VISITORS) / allVisitors)
                    .select(metrics))).toList();
        }
        return suppressSmallCounts(viewer.minVisitors(), rows, selected, metrics);
    }

    /**
     * Rows of fewer than {@code threshold} visitors lose their numbers (the reader's rows carry the visitors
     * even when they were not asked for).
     */
    private static List<BreakdownRow> suppressSmallCounts(int threshold, List<BreakdownRow> read, List<BreakdownRow> selected,
                                                          Set<Metric> metrics) {
        if (threshold == 0) {
            return selected;
        }
        List<BreakdownRow> shown = new ArrayList<>(selected.size());
        for (int i = 0; i < selected.size(); i++) {
            BreakdownRow row = selected.get(i);
            shown.add(read.get(i).values().count(Metric.VISITORS) < threshold
                    ? BreakdownRow.suppressed(row.value(), metrics, threshold) : row);
        }
        return shown;
    }

    @Override
    public FunnelResult funnel(Viewer viewer, StatsQuery query, FunnelDefinition funnel) {
        checkAccess(viewer, query.source());
        Objects.requireNonNull(funnel, "funnel");
        return FunnelResult.of(funnel, reader.funnel(query, funnel));
    }

    @Override
    public Retention retention(Viewer viewer, StatsQuery query, Interval period) {
        checkAccess(viewer, query.source());
        if (period == Interval.HOUR) {
            throw new InvalidQueryException("period", "is day, week or month");
        }
        List<LocalDateTime> periods = period.buckets(query.from(), query.to(), query.zone());
        Retention.checkPeriodCount(period, periods.size());
        return Retention.of(period, periods, reader.retention(query, period));
    }

    @Override
    public Freshness freshness(Viewer viewer, StatsQuery query) {
        checkAccess(viewer, query.source());
        return reader.freshness(query, clock.instant());
    }

    @Override
    public Realtime realtime(Viewer viewer, String source) {
        checkAccess(viewer, source);
        Instant since = clock.instant().minus(REALTIME_WINDOW);
        long visitors = reader.visitorsSince(source, since);
        // single events of the last minutes are as small as counts get
        List<LatestEvent> events = viewer.minVisitors() > 0 ? List.of()
                : reader.latestEvents(source, since, REALTIME_EVENTS);
        return new Realtime(visitors, events);
    }

    @Override
    public List<String> sources(Viewer viewer) {
        Set<String> all = new LinkedHashSet<>(writeKeys.sourceNames());
        all.addAll(reader.sources());
        return all.stream().filter(viewer::maySee).toList();
    }

    private static void checkAccess(Viewer viewer, String source) {
        if (!viewer.maySee(source)) {
            throw new AccessDeniedException("no access to source '" + source + "'");
        }
    }

}
