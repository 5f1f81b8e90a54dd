package app.tax.analytics.domain.stats;

import java.time.LocalDateTime;
import java.util.Objects;

/** One bucket of a time series; {@code bucketStart} is local time in the query's zone. */
public record TimeseriesPoint(LocalDateTime bucketStart, MetricValues values) {
    public TimeseriesPoint {
        Objects.requireNonNull(bucketStart, "bucketStart");
        Objects.requireNonNull(values, "values");
    }
}
