package app.tax.analytics.domain.stats;

import java.util.Objects;

/** One value of a breakdown dimension with its metrics; {@code value} is null for "(none)". */
public record BreakdownRow(String value, MetricValues values) {
    public BreakdownRow {
        Objects.requireNonNull(values, "values");
    }
}
