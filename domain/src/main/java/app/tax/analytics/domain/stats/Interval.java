package app.tax.analytics.domain.stats;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** Time-series bucket sizes; buckets are read in the query's time zone, weeks start on Monday (ISO). */
public enum Interval {
    HOUR, DAY, WEEK, MONTH;

    /** Upper bound on buckets in one series. */
    public static final int MAX_BUCKETS = 5000;

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<Interval> fromWire(String value) {
        return Arrays.stream(values()).filter(i -> i.wireName().equals(value)).findFirst();
    }

    /** The start of the bucket holding local time {@code t}. */
    public LocalDateTime bucketStart(LocalDateTime t) {
        return switch (this) {
            case HOUR -> t.truncatedTo(ChronoUnit.HOURS);
            case DAY -> t.truncatedTo(ChronoUnit.DAYS);
            case WEEK -> t.truncatedTo(ChronoUnit.DAYS).with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
            case MONTH -> t.truncatedTo(ChronoUnit.DAYS).withDayOfMonth(1);
        };
    }

    public LocalDateTime next(LocalDateTime bucketStart) {
        return switch (this) {
            case HOUR -> bucketStart.plusHours(1);
            case DAY -> bucketStart.plusDays(1);
            case WEEK -> bucketStart.plusWeeks(1);
            case MONTH -> bucketStart.plusMonths(1);
        };
    }

    /**
     * Whether no instant has a local time in this hour: the hour a DST change jumps over (02:00 in Berlin on
     * the last Sunday of March). Hours only partly skipped (a 30-minute change) are kept.
     */
    private static boolean skippedByClockChange(LocalDateTime hourStart, ZoneId zone) {
        return zone.getRules().getValidOffsets(hourStart).isEmpty()
                && zone.getRules().getValidOffsets(hourStart.plusHours(1).minusNanos(1)).isEmpty();
    }

    /**
     * Every bucket start, in local time of {@code zone}, that overlaps {@code [from, to)}. Hours that a clock
     * change skips are left out; the hour a clock change repeats is one bucket (local times are the keys).
     */
    public List<LocalDateTime> buckets(Instant from, Instant to, ZoneId zone) {
        List<LocalDateTime> buckets = new ArrayList<>();
        LocalDateTime end = LocalDateTime.ofInstant(to, zone);
        for (LocalDateTime t = bucketStart(LocalDateTime.ofInstant(from, zone)); t.isBefore(end); t = next(t)) {
            if (this == HOUR && skippedByClockChange(t, zone)) {
                continue;
            }
            if (buckets.size() == MAX_BUCKETS) {
                throw new InvalidQueryException("interval", "'" + wireName() + "' gives more than " + MAX_BUCKETS
                        + " points for this range; choose a longer interval");
            }
            buckets.add(t);
        }
        return buckets;
    }
}
