package app.tax.analytics.domain.stats;

import java.util.EnumMap;
import java.util.Map;

/**
 * The derived metrics from the session aggregates every store computes the same way, so that
 * DuckDB and ClickHouse answer with identical numbers.
 */
public final class MetricMath {
    private MetricMath() {
    }

    /**
     * @param visitors            distinct visitors
     * @param pageviews           page events
     * @param events              all events
     * @param sessions            sessions starting in range
     * @param bouncedSessions     of those, sessions with at most one pageview and no track event
     * @param totalSessionSeconds sum over those sessions of (last − first event time) in seconds
     */
    public static MetricValues from(long visitors, long pageviews, long events, long sessions, long bouncedSessions,
                                    double totalSessionSeconds) {
        Map<Metric, Number> values = new EnumMap<>(Metric.class);
        values.put(Metric.VISITORS, visitors);
        values.put(Metric.PAGEVIEWS, pageviews);
        values.put(Metric.EVENTS, events);
        values.put(Metric.SESSIONS, sessions);
        values.put(Metric.BOUNCE_RATE, sessions == 0 ? 0.0 : (double) bouncedSessions / sessions);
        values.put(Metric.AVG_SESSION_SECONDS, sessions == 0 ? 0.0 : totalSessionSeconds / sessions);
        values.put(Metric.VIEWS_PER_SESSION, sessions == 0 ? 0.0 : (double) pageviews / sessions);
        return new MetricValues(values);
    }
}
