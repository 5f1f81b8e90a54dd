package app.tax.analytics.application.service;

import app.tax.analytics.application.port.in.AccessDeniedException;
import app.tax.analytics.application.port.in.QueryStats;
import app.tax.analytics.application.port.out.StatsReader;
import app.tax.analytics.domain.source.WriteKeys;
import app.tax.analytics.domain.stats.BreakdownRow;
import app.tax.analytics.domain.stats.Dimension;
import app.tax.analytics.domain.stats.InvalidQueryException;
import app.tax.analytics.domain.stats.Interval;
import app.tax.analytics.domain.stats.Metric;
import app.tax.analytics.domain.stats.MetricValues;
import app.tax.analytics.domain.stats.StatsQuery;
import app.tax.analytics.domain.stats.TimeseriesPoint;
import app.tax.analytics.domain.user.DashboardUser;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;

/** {@link QueryStats}: access checks, previous period, empty buckets, metric selection. */
public final class StatsService implements QueryStats {
    public static final int MAX_BREAKDOWN_ROWS = 1000;
    static final Duration REALTIME_WINDOW = Duration.ofMinutes(5);

    private final StatsReader reader;
    private final WriteKeys writeKeys;
    private final Clock clock;

    public StatsService(StatsReader reader, WriteKeys writeKeys, Clock clock) {
        this.reader = Objects.requireNonNull(reader);
        this.writeKeys = Objects.requireNonNull(writeKeys);
        this.clock = Objects.requireNonNull(clock);
    }

    @Override
    public Overview overview(DashboardUser viewer, StatsQuery query) {
        checkAccess(viewer, query.source());
        return new Overview(reader.overview(query), reader.overview(query.previousPeriod()));
    }

    @Override
    public List<TimeseriesPoint> timeseries(DashboardUser viewer, StatsQuery query, Interval interval, Set<Metric> metrics) {
        checkAccess(viewer, query.source());
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

    @Override
    public List<BreakdownRow> breakdown(DashboardUser viewer, StatsQuery query, Dimension dimension, Set<Metric> metrics, int limit) {
        checkAccess(viewer, query.source());
        if (limit < 1 || limit > MAX_BREAKDOWN_ROWS) {
            throw new InvalidQueryException("limit", "must be 1-" + MAX_BREAKDOWN_ROWS);
        }
        return reader.breakdown(query, dimension, limit).stream()
                .map(row -> new BreakdownRow(row.value(), row.values().select(metrics)))
                .toList();
    }

    @Override
    public long realtimeVisitors(DashboardUser viewer, String source) {
        checkAccess(viewer, source);
        return reader.visitorsSince(source, clock.instant().minus(REALTIME_WINDOW));
    }

    @Override
    public List<String> sources(DashboardUser viewer) {
        Set<String> all = new LinkedHashSet<>(writeKeys.sourceNames());
        all.addAll(reader.sources());
        return all.stream().filter(viewer::maySee).toList();
    }

    /** Parses a {@code metrics} parameter; empty means all. */
    public static Set<Metric> parseMetrics(String text) {
        if (text == null || text.isBlank()) {
            return new LinkedHashSet<>(List.of(Metric.values()));
        }
        Set<Metric> metrics = new LinkedHashSet<>();
        for (String name : text.split(",")) {
            metrics.add(Metric.fromWire(name).orElseThrow(() ->
                    new InvalidQueryException("metrics", "unknown metric '" + name.strip() + "'; one of " + Metric.NAMES)));
        }
        return metrics;
    }

    private static void checkAccess(DashboardUser viewer, String source) {
        if (!viewer.maySee(source)) {
            throw new AccessDeniedException("no access to source '" + source + "'");
        }
    }

}
