package app.tax.analytics.domain.stats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class IntervalTest {
    private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");
    private static final ZoneId NEW_YORK = ZoneId.of("America/New_York");

    private static Instant startOf(String date, ZoneId zone) {
        return LocalDate.parse(date).atStartOfDay(zone).toInstant();
    }

    private static LocalDateTime local(String text) {
        return LocalDateTime.parse(text);
    }

    @ParameterizedTest(name = "{0} {1}: {2} hourly buckets, skipping {3}")
    @CsvSource(nullValues = "NULL", value = {
            "Europe/Berlin,    2026-03-29, 23, 02:00",
            "America/New_York, 2026-03-08, 23, 02:00",
            "Europe/Berlin,    2026-03-30, 24, NULL",
            "UTC,              2026-03-29, 24, NULL"})
    void aDayWhoseClockSpringsForwardHasNoBucketForTheSkippedHour(String zoneId, String date, int count, String skipped) {
        ZoneId zone = ZoneId.of(zoneId);
        LocalDate day = LocalDate.parse(date);

        List<LocalDateTime> buckets = Interval.HOUR.buckets(startOf(date, zone), startOf(day.plusDays(1).toString(), zone), zone);

        assertThat(buckets).hasSize(count).allMatch(b -> b.toLocalDate().equals(day)).doesNotHaveDuplicates();
        if (skipped != null) {
            assertThat(buckets).doesNotContain(day.atTime(java.time.LocalTime.parse(skipped)));
        }
    }

    @Test
    void anHourThatAClockChangeRepeatsIsOneBucket() {
        // 2026-10-25 in Berlin lasts 25 hours; 02:00-03:00 local happens twice and both are the 02:00 bucket.
        Instant from = startOf("2026-10-25", BERLIN);
        Instant to = startOf("2026-10-26", BERLIN);

        List<LocalDateTime> buckets = Interval.HOUR.buckets(from, to, BERLIN);

        assertThat(Duration.between(from, to)).isEqualTo(Duration.ofHours(25));
        assertThat(buckets).hasSize(24).doesNotHaveDuplicates().contains(local("2026-10-25T02:00"));
    }

    @Test
    void hoursOnlyPartlySkippedAreKept() {
        // Lord Howe Island moves its clocks by 30 minutes: 02:00 -> 02:30 on 2026-10-04.
        ZoneId lordHowe = ZoneId.of("Australia/Lord_Howe");

        List<LocalDateTime> buckets = Interval.HOUR.buckets(startOf("2026-10-04", lordHowe), startOf("2026-10-05", lordHowe), lordHowe);

        assertThat(buckets).hasSize(24).contains(local("2026-10-04T02:00"));
    }

    @Test
    void daysAcrossClockChangesAreCalendarDays() {
        List<LocalDateTime> berlin = Interval.DAY.buckets(startOf("2026-03-28", BERLIN), startOf("2026-04-01", BERLIN), BERLIN);
        List<LocalDateTime> newYork = Interval.DAY.buckets(startOf("2026-10-31", NEW_YORK), startOf("2026-11-03", NEW_YORK), NEW_YORK);

        assertThat(berlin).containsExactly(local("2026-03-28T00:00"), local("2026-03-29T00:00"), local("2026-03-30T00:00"),
                local("2026-03-31T00:00"));
        assertThat(newYork).containsExactly(local("2026-10-31T00:00"), local("2026-11-01T00:00"), local("2026-11-02T00:00"));
    }

    @Test
    void aDayWhoseMidnightIsSkippedStillHasItsBucket() {
        // Chile moves from 00:00 to 01:00 on 2026-09-06: that day has no midnight but is still a day.
        ZoneId santiago = ZoneId.of("America/Santiago");

        List<LocalDateTime> buckets = Interval.DAY.buckets(startOf("2026-09-05", santiago), startOf("2026-09-08", santiago), santiago);

        assertThat(buckets).containsExactly(local("2026-09-05T00:00"), local("2026-09-06T00:00"), local("2026-09-07T00:00"));
    }

    @Test
    void weeksStartOnMonday() {
        // 2026-03-11 is a Wednesday; 2026-03-29 a Sunday.
        List<LocalDateTime> buckets = Interval.WEEK.buckets(startOf("2026-03-11", BERLIN), startOf("2026-03-30", BERLIN), BERLIN);

        assertThat(buckets).containsExactly(local("2026-03-09T00:00"), local("2026-03-16T00:00"), local("2026-03-23T00:00"));
        assertThat(buckets).allMatch(b -> b.getDayOfWeek() == DayOfWeek.MONDAY);
        assertThat(Interval.WEEK.bucketStart(local("2026-03-15T23:59:59"))).isEqualTo(local("2026-03-09T00:00"));
        assertThat(Interval.WEEK.bucketStart(local("2026-03-16T00:00"))).isEqualTo(local("2026-03-16T00:00"));
    }

    @Test
    void monthsStartOnTheFirst() {
        List<LocalDateTime> buckets = Interval.MONTH.buckets(Instant.parse("2026-01-15T10:00:00Z"),
                Instant.parse("2026-04-01T00:00:00Z"), ZoneOffset.UTC);

        assertThat(buckets).containsExactly(local("2026-01-01T00:00"), local("2026-02-01T00:00"), local("2026-03-01T00:00"));
    }

    @Test
    void bucketsOverlappingAnUnalignedRangeAreAllThere() {
        List<LocalDateTime> buckets = Interval.HOUR.buckets(Instant.parse("2026-03-10T10:30:00Z"),
                Instant.parse("2026-03-10T12:15:00Z"), ZoneOffset.UTC);

        assertThat(buckets).containsExactly(local("2026-03-10T10:00"), local("2026-03-10T11:00"), local("2026-03-10T12:00"));
    }

    @Test
    void bucketsAreLocalTimesOfTheZone() {
        List<LocalDateTime> buckets = Interval.DAY.buckets(Instant.parse("2026-03-09T21:00:00Z"),
                Instant.parse("2026-03-10T21:00:00Z"), ZoneId.of("Africa/Nairobi"));

        assertThat(buckets).containsExactly(local("2026-03-10T00:00"));
    }

    @ParameterizedTest
    @CsvSource({"HOUR, 2026-03-10T10:59:59.999, 2026-03-10T10:00", "DAY, 2026-03-10T23:59, 2026-03-10T00:00",
            "MONTH, 2026-02-28T12:00, 2026-02-01T00:00", "WEEK, 2026-03-01T12:00, 2026-02-23T00:00"})
    void bucketStartTruncates(Interval interval, String time, String start) {
        assertThat(interval.bucketStart(local(time))).isEqualTo(local(start));
    }

    @Test
    void atMostMaxBucketsPointsPerSeries() {
        Instant from = Instant.parse("2026-01-01T00:00:00Z");

        assertThat(Interval.HOUR.buckets(from, from.plus(Duration.ofHours(Interval.MAX_BUCKETS)), ZoneOffset.UTC))
                .hasSize(Interval.MAX_BUCKETS);
        assertThatThrownBy(() -> Interval.HOUR.buckets(from, from.plus(Duration.ofHours(Interval.MAX_BUCKETS + 1)), ZoneOffset.UTC))
                .isInstanceOf(InvalidQueryException.class)
                .hasMessageContaining("interval: 'hour' gives more than 5000 points")
                .satisfies(e -> assertThat(((InvalidQueryException) e).parameter()).isEqualTo("interval"));
    }

    @Test
    void wireNames() {
        assertThat(Interval.WEEK.wireName()).isEqualTo("week");
        assertThat(Interval.fromWire("month")).contains(Interval.MONTH);
        assertThat(Interval.fromWire("Month")).isEmpty();
        assertThat(Interval.fromWire("minute")).isEmpty();
        assertThat(Interval.fromWire(null)).isEmpty();
    }
}
