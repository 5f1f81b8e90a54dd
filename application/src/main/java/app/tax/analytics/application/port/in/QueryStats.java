package app.tax.analytics.application.port.in;

import app.tax.analytics.domain.stats.BreakdownRow;
import app.tax.analytics.domain.stats.Dimension;
import app.tax.analytics.domain.stats.Interval;
import app.tax.analytics.domain.stats.Metric;
import app.tax.analytics.domain.stats.MetricValues;
import app.tax.analytics.domain.stats.StatsQuery;
import app.tax.analytics.domain.stats.TimeseriesPoint;
import app.tax.analytics.domain.user.DashboardUser;
import java.util.List;
import java.util.Set;

/**
 * The dashboard's reads. Every call checks that {@code viewer} may see the query's source
 * ({@link AccessDeniedException} otherwise).
 */
public interface QueryStats {

    /** All metrics for the range, and for the equally long range before it. */
    Overview overview(DashboardUser viewer, StatsQuery query);

    /** One point per bucket of the range, empty buckets as zeros. */
    List<TimeseriesPoint> timeseries(DashboardUser viewer, StatsQuery query, Interval interval, Set<Metric> metrics);

    List<BreakdownRow> breakdown(DashboardUser viewer, StatsQuery query, Dimension dimension, Set<Metric> metrics, int limit);

    /** Distinct visitors in the last five minutes. */
    long realtimeVisitors(DashboardUser viewer, String source);

    /** The sources this viewer may read: configured ones and those with data. */
    List<String> sources(DashboardUser viewer);

    record Overview(MetricValues current, MetricValues previous) {
    }
}
