package app.tax.analytics.application.port.out;

import app.tax.analytics.domain.stats.BreakdownRow;
import app.tax.analytics.domain.stats.CohortActivity;
import app.tax.analytics.domain.stats.Dimension;
import app.tax.analytics.domain.stats.Freshness;
import app.tax.analytics.domain.stats.FunnelDefinition;
import app.tax.analytics.domain.stats.Interval;
import app.tax.analytics.domain.stats.LatestEvent;
import app.tax.analytics.domain.stats.Metric;
import app.tax.analytics.domain.stats.MetricValues;
import app.tax.analytics.domain.stats.StatsQuery;
import app.tax.analytics.domain.stats.TimeseriesPoint;
import java.time.Instant;
import java.util.List;

/**
 * The dashboard's queries (docs/ARCHITECTURE.md, "Dashboard API"). Every store answers with the same numbers for the same data:
 * bots excluded, duplicates (same source and messageId) counted once, filters applied to events.
 */
public interface StatsReader {

    /** All seven metrics over the query's range. */
    MetricValues overview(StatsQuery query);

    /**
     * All seven metrics per bucket, for the buckets that have events (the caller fills empty ones).
     * A session counts in the bucket where it starts.
     */
    List<TimeseriesPoint> timeseries(StatsQuery query, Interval interval);

    /** All seven metrics per value of {@code dimension}, the {@code limit} values with most visitors first. */
    List<BreakdownRow> breakdown(StatsQuery query, Dimension dimension, int limit);

    /** A breakdown's rows and the distinct visitors of the whole range (a conversion rate's denominator). */
    record BreakdownWithVisitors(List<BreakdownRow> rows, long allVisitors) {
        public BreakdownWithVisitors {
            rows = List.copyOf(rows);
            if (allVisitors < 0) {
                throw new IllegalArgumentException("allVisitors must not be negative; got " + allVisitors);
            }
        }
    }

    /**
     * {@link #breakdown} and the range's visitors ({@link #overview}'s); a store may answer both with one query.
     * The rows are empty when {@code limit} is below 1.
     */
    default BreakdownWithVisitors breakdownWithVisitors(StatsQuery query, Dimension dimension, int limit) {
        List<BreakdownRow> rows = breakdown(query, dimension, limit);
        return new BreakdownWithVisitors(rows, rows.isEmpty() ? 0 : overview(query).count(Metric.VISITORS));
    }

    /**
     * Visitors who reached each step of {@code funnel} (docs/STATS.md, funnels) among the query's events,
     * one count per step in order.
     */
    List<Long> funnel(StatsQuery query, FunnelDefinition funnel);

    /**
     * For retention by {@code period}: per cohort (period of a visitor's first event in the range) and per
     * period with events, how many of the cohort's visitors have an event then. Only non-zero rows.
     */
    List<CohortActivity> retention(StatsQuery query, Interval period);

    /** The {@code limit} latest non-bot events at or after {@code since}, newest first (ties: by message id, descending). */
    List<LatestEvent> latestEvents(String source, Instant since, int limit);

    /** Distinct visitors with an event at or after {@code since}. */
    long visitorsSince(String source, Instant since);

    /**
     * The query's events and how many of them arrived late, and the delays of the source's events received in
     * {@link Freshness#WINDOW} before {@code now} (docs/STATS.md, "Late events").
     */
    Freshness freshness(StatsQuery query, Instant now);

    /** Names of the sources that have events. */
    List<String> sources();
}
