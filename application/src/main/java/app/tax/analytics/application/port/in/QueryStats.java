package app.tax.analytics.application.port.in;

import app.tax.analytics.domain.access.Viewer;
import app.tax.analytics.domain.stats.BreakdownRow;
import app.tax.analytics.domain.stats.Comparison;
import app.tax.analytics.domain.stats.Dimension;
import app.tax.analytics.domain.stats.Freshness;
import app.tax.analytics.domain.stats.FunnelDefinition;
import app.tax.analytics.domain.stats.FunnelResult;
import app.tax.analytics.domain.stats.Interval;
import app.tax.analytics.domain.stats.LatestEvent;
import app.tax.analytics.domain.stats.Metric;
import app.tax.analytics.domain.stats.MetricValues;
import app.tax.analytics.domain.stats.Retention;
import app.tax.analytics.domain.stats.StatsQuery;
import app.tax.analytics.domain.stats.TimeseriesPoint;
import java.util.List;
import java.util.Set;

/**
 * The dashboard's reads. Every call checks that {@code viewer} may see the query's source
 * ({@link AccessDeniedException} otherwise).
 */
public interface QueryStats {

    /** All metrics for the range, and for the equally long range before it. */
    default Overview overview(Viewer viewer, StatsQuery query) {
        return overview(viewer, query, Comparison.PREVIOUS);
    }

    /** All metrics for the range, and for the range it is compared with ({@link Overview#previous()}). */
    Overview overview(Viewer viewer, StatsQuery query, Comparison comparison);

    /** One point per bucket of the range, empty buckets as zeros. */
    List<TimeseriesPoint> timeseries(Viewer viewer, StatsQuery query, Interval interval, Set<Metric> metrics);

    /**
     * The series of {@link #timeseries} and the series of the equally long range before it, with as many
     * points: {@code previous[i]} is the i-th bucket of the previous range (zeros past its end).
     */
    default ComparedTimeseries timeseriesWithPrevious(Viewer viewer, StatsQuery query, Interval interval, Set<Metric> metrics) {
        return timeseriesCompared(viewer, query, interval, metrics, Comparison.PREVIOUS);
    }

    /**
     * The series of {@link #timeseries} and that of the compared range, with as many points: {@code previous[i]}
     * is the i-th bucket of the compared range (zeros past its end, buckets past the current series' length left out).
     */
    ComparedTimeseries timeseriesCompared(Viewer viewer, StatsQuery query, Interval interval, Set<Metric> metrics,
                                          Comparison comparison);

    /**
     * Rows of a dimension; {@link Metric#CONVERSION_RATE} is a row's visitors over all visitors of the query. For
     * a viewer with {@link Viewer#minVisitors()} k, rows of fewer than k visitors come
     * {@linkplain BreakdownRow#suppressed suppressed}.
     */
    List<BreakdownRow> breakdown(Viewer viewer, StatsQuery query, Dimension dimension, Set<Metric> metrics, int limit);

    FunnelResult funnel(Viewer viewer, StatsQuery query, FunnelDefinition funnel);

    /** @param period day, week or month */
    Retention retention(Viewer viewer, StatsQuery query, Interval period);

    /** Distinct visitors and the latest events of the last five minutes (no events for a viewer with a small-count limit). */
    Realtime realtime(Viewer viewer, String source);

    /** How many of the query's events arrived late, and up to when the source's numbers are complete, as of now. */
    Freshness freshness(Viewer viewer, StatsQuery query);

    /** The sources this viewer may read: configured ones and those with data. */
    List<String> sources(Viewer viewer);

    record Overview(MetricValues current, MetricValues previous) {
    }

    record ComparedTimeseries(List<TimeseriesPoint> current, List<TimeseriesPoint> previous) {
        public ComparedTimeseries {
            current = List.copyOf(current);
            previous = List.copyOf(previous);
            if (current.size() != previous.size()) {
                throw new IllegalArgumentException("both series have one point per bucket of the range");
            }
        }
    }

    /** @param events newest first */
    record Realtime(long visitors, List<LatestEvent> events) {
        public Realtime {
            events = List.copyOf(events);
        }
    }
}
