package app.tax.analytics.domain.stats;

import java.time.LocalDateTime;
import java.util.Objects;

/**
 * What a store counts for retention: of the visitors first seen in period {@code cohortStart}, how many
 * have an event in period {@code periodStart}. Both are local period starts in the query's zone.
 */
public record CohortActivity(LocalDateTime cohortStart, LocalDateTime periodStart, long visitors) {
    public CohortActivity {
        Objects.requireNonNull(cohortStart, "cohortStart");
        Objects.requireNonNull(periodStart, "periodStart");
        if (periodStart.isBefore(cohortStart)) {
            throw new IllegalArgumentException("a visitor is active only from their cohort's period on");
        }
        if (visitors < 1) {
            throw new IllegalArgumentException("an activity row counts at least one visitor");
        }
    }
}
