package app.tax.analytics.domain.stats;

import java.util.Objects;
import java.util.Set;

/**
 * One value of a breakdown dimension with its metrics; {@code value} is null for "(none)".
 *
 * @param suppressedBelow 0, or the small-count threshold this row fell under: its values are then zeros that
 *                        must not be shown as numbers (see {@link #suppressed(String, Set, int)})
 */
public record BreakdownRow(String value, MetricValues values, int suppressedBelow) {
    public BreakdownRow {
        Objects.requireNonNull(values, "values");
        if (suppressedBelow < 0) {
            throw new IllegalArgumentException("suppressedBelow must not be negative");
        }
    }

    public BreakdownRow(String value, MetricValues values) {
        this(value, values, 0);
    }

    /** A row with fewer than {@code threshold} visitors: its value stays, its numbers are gone. */
    public static BreakdownRow suppressed(String value, Set<Metric> metrics, int threshold) {
        if (threshold < 1) {
            throw new IllegalArgumentException("a suppressed row has a threshold of at least 1");
        }
        return new BreakdownRow(value, MetricValues.zeros(metrics), threshold);
    }

    public boolean isSuppressed() {
        return suppressedBelow > 0;
    }
}
