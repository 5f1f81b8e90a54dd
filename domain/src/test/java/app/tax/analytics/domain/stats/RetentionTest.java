package app.tax.analytics.domain.stats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.List;
import org.junit.jupiter.api.Test;

class RetentionTest {
    private static final LocalDateTime JAN = LocalDateTime.parse("2026-01-01T00:00");
    private static final LocalDateTime FEB = LocalDateTime.parse("2026-02-01T00:00");
    private static final LocalDateTime MAR = LocalDateTime.parse("2026-03-01T00:00");

    @Test
    void everyPeriodIsACohortWithOffsetsToTheEndOfTheRange() {
        Retention retention = Retention.of(Interval.MONTH, List.of(JAN, FEB, MAR), List.of(
                new CohortActivity(JAN, JAN, 4), new CohortActivity(JAN, MAR, 1), new CohortActivity(MAR, MAR, 2)));

        assertThat(retention.cohorts()).containsExactly(
                new Retention.Cohort(LocalDate.parse("2026-01-01"), 4, List.of(new Retention.Returning(0, 4, 1.0),
                        new Retention.Returning(1, 0, 0.0), new Retention.Returning(2, 1, 0.25))),
                new Retention.Cohort(LocalDate.parse("2026-02-01"), 0, List.of(new Retention.Returning(0, 0, 0.0),
                        new Retention.Returning(1, 0, 0.0))),
                new Retention.Cohort(LocalDate.parse("2026-03-01"), 2, List.of(new Retention.Returning(0, 2, 1.0))));
    }

    @Test
    void weeksOfTheRangeStartOnMondayInTheZone() {
        // Sunday 2026-11-01 22:00 UTC is Monday 01:00 in Nairobi
        List<LocalDateTime> weeks = Interval.WEEK.buckets(Instant.parse("2026-11-01T22:00:00Z"), Instant.parse("2026-11-10T00:00:00Z"),
                ZoneId.of("Africa/Nairobi"));

        assertThat(Retention.of(Interval.WEEK, weeks, List.of()).cohorts()).extracting(Retention.Cohort::start)
                .containsExactly(LocalDate.parse("2026-11-02"), LocalDate.parse("2026-11-09"));
    }

    @Test
    void activityOutsideTheRangeOrBeforeTheCohortIsRefused() {
        assertThatThrownBy(() -> Retention.of(Interval.MONTH, List.of(JAN), List.of(new CohortActivity(JAN, FEB, 1))))
                .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("activity outside the range's periods");
        assertThatThrownBy(() -> new CohortActivity(FEB, JAN, 1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new CohortActivity(JAN, JAN, 0)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void hoursAndTooManyPeriodsAreRefused() {
        assertThatThrownBy(() -> Retention.of(Interval.HOUR, List.of(JAN), List.of()))
                .isInstanceOf(InvalidQueryException.class).hasMessage("period: is day, week or month");
        assertThatThrownBy(() -> Retention.checkPeriodCount(Interval.DAY, Retention.MAX_PERIODS + 1))
                .isInstanceOf(InvalidQueryException.class).hasMessageStartingWith("period: 'day' gives more than 366 cohorts");
    }
}
