package app.tax.analytics.domain.stats;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Retention by cohort. A visitor's cohort is the period (in the query's zone) of their first event in the
 * range {@code [from, to)}; earlier events do not count. Offset k of a cohort holds the visitors of the
 * cohort with any event in the k-th period after it, for every period up to the one holding the end of
 * the range, so later cohorts have fewer offsets. Offset 0 is the whole cohort.
 */
public record Retention(Interval period, List<Cohort> cohorts) {
    /** Periods one retention table may span: a year of days. */
    public static final int MAX_PERIODS = 366;

    /** @param rate visitors / the cohort's visitors (0 for an empty cohort) */
    public record Returning(int offset, long visitors, double rate) {
        public Returning {
            if (offset < 0 || visitors < 0 || rate < 0 || rate > 1) {
                throw new IllegalArgumentException("offsets and counts are not negative; rates are 0..1");
            }
        }
    }

    /** @param start the first day of the cohort's period */
    public record Cohort(LocalDate start, long visitors, List<Returning> returning) {
        public Cohort {
            Objects.requireNonNull(start, "start");
            returning = List.copyOf(returning);
        }
    }

    public Retention {
        Objects.requireNonNull(period, "period");
        if (period == Interval.HOUR) {
            throw new InvalidQueryException("period", "is day, week or month");
        }
        cohorts = List.copyOf(cohorts);
    }

    /** @throws InvalidQueryException when a table would have more than {@link #MAX_PERIODS} cohorts */
    public static void checkPeriodCount(Interval period, int periods) {
        if (periods > MAX_PERIODS) {
            throw new InvalidQueryException("period", "'" + period.wireName() + "' gives more than " + MAX_PERIODS
                    + " cohorts for this range; choose a longer period or a shorter range");
        }
    }

    /**
     * The table for every period of the range, from what a store counted.
     *
     * @param periodStarts the periods of the range in order ({@link Interval#buckets})
     */
    public static Retention of(Interval period, List<LocalDateTime> periodStarts, List<CohortActivity> activity) {
        checkPeriodCount(period, periodStarts.size());
        Map<LocalDateTime, Integer> index = new HashMap<>();
        for (int i = 0; i < periodStarts.size(); i++) {
            index.put(periodStarts.get(i), i);
        }
        long[][] counts = new long[periodStarts.size()][];
        for (int i = 0; i < counts.length; i++) {
            counts[i] = new long[counts.length - i];
        }
        for (CohortActivity row : activity) {
            Integer cohort = index.get(row.cohortStart());
            Integer active = index.get(row.periodStart());
            if (cohort == null || active == null) {
                throw new IllegalArgumentException("activity outside the range's periods: " + row);
            }
            counts[cohort][active - cohort] += row.visitors();
        }
        List<Cohort> cohorts = new ArrayList<>();
        for (int i = 0; i < counts.length; i++) {
            long size = counts[i][0];
            List<Returning> returning = new ArrayList<>();
            for (int offset = 0; offset < counts[i].length; offset++) {
                returning.add(new Returning(offset, counts[i][offset], size == 0 ? 0.0 : (double) counts[i][offset] / size));
            }
            cohorts.add(new Cohort(periodStarts.get(i).toLocalDate(), size, returning));
        }
        return new Retention(period, cohorts);
    }
}
