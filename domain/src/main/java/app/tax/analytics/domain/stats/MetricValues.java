package app.tax.analytics.domain.stats;

import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;
import java.util.Set;

/**
 * Values of some metrics: counts as {@code Long}, rates and averages as {@code Double}
 * (a rate over zero sessions is 0).
 */
public record MetricValues(Map<Metric, Number> values) {
    public MetricValues {
        EnumMap<Metric, Number> copy = new EnumMap<>(Metric.class);
        values.forEach((metric, value) -> copy.put(metric, normalize(metric, value)));
        values = Collections.unmodifiableMap(copy);
    }

    /** Zero for each of {@code metrics}: an empty bucket. */
    public static MetricValues zeros(Set<Metric> metrics) {
        EnumMap<Metric, Number> zeros = new EnumMap<>(Metric.class);
        metrics.forEach(m -> zeros.put(m, 0));
        return new MetricValues(zeros);
    }

    public Number get(Metric metric) {
        return values.get(metric);
    }

    public long count(Metric metric) {
        Number value = values.get(metric);
        return value == null ? 0 : value.longValue();
    }

    public double decimal(Metric metric) {
        Number value = values.get(metric);
        return value == null ? 0 : value.doubleValue();
    }

    /** These values and one more (replacing it when present). */
    public MetricValues with(Metric metric, Number value) {
        EnumMap<Metric, Number> extended = new EnumMap<>(Metric.class);
        extended.putAll(values);
        extended.put(metric, value);
        return new MetricValues(extended);
    }

    /** Only the given metrics. */
    public MetricValues select(Set<Metric> metrics) {
        EnumMap<Metric, Number> selected = new EnumMap<>(Metric.class);
        metrics.forEach(m -> selected.put(m, values.getOrDefault(m, 0)));
        return new MetricValues(selected);
    }

    private static Number normalize(Metric metric, Number value) {
        if (value == null) {
            // Not a conditional expression: "c ? Long : Double" unboxes both and always yields a Double.
            if (metric.isCount()) {
                return 0L;
            }
            return 0.0;
        }
        if (metric.isCount()) {
            return value.longValue();
        }
        double decimal = value.doubleValue();
        return Double.isFinite(decimal) ? decimal : 0.0;
    }
}
