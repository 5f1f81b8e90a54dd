package app.tax.analytics.domain.stats;

import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.Set;

/** The {@code metrics} parameter of the dashboard's queries: comma-separated wire names. */
public final class MetricList {
    private MetricList() {
    }

    /** The metrics of a breakdown; empty means all. */
    public static Set<Metric> parse(String text) {
        return parse(text, Set.of(Metric.values()));
    }

    /** The metrics of a time series; empty means all but the breakdown-only ones. */
    public static Set<Metric> parseSeries(String text) {
        return parse(text, Metric.PER_RANGE);
    }

    /** @throws InvalidQueryException naming the first metric that only a breakdown has */
    public static void requirePerRange(Set<Metric> metrics) {
        requireAllowed(metrics, Metric.PER_RANGE);
    }

    private static Set<Metric> parse(String text, Set<Metric> allowed) {
        if (text == null || text.isBlank()) {
            return new LinkedHashSet<>(Arrays.stream(Metric.values()).filter(allowed::contains).toList());
        }
        Set<Metric> metrics = new LinkedHashSet<>();
        for (String name : text.split(",")) {
            metrics.add(Metric.fromWire(name).orElseThrow(() ->
                    new InvalidQueryException("metrics", "unknown metric '" + name.strip() + "'; one of " + Metric.NAMES)));
        }
        requireAllowed(metrics, allowed);
        return metrics;
    }

    private static void requireAllowed(Set<Metric> metrics, Set<Metric> allowed) {
        for (Metric metric : metrics) {
            if (!allowed.contains(metric)) {
                throw new InvalidQueryException("metrics", metric.wireName() + " is a breakdown metric only");
            }
        }
    }
}
