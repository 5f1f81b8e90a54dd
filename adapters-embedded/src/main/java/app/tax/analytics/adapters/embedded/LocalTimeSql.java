package app.tax.analytics.adapters.embedded;

import app.tax.analytics.domain.stats.Interval;
import app.tax.analytics.querymodel.Sql;
import java.time.Instant;
import java.time.ZoneId;
import java.time.zone.ZoneOffsetTransition;
import java.time.zone.ZoneRules;
import java.util.ArrayList;
import java.util.List;

/**
 * Buckets UTC timestamps by local time in SQL, with the zone's UTC offsets taken from java.time: the
 * offsets in force during the query's range (at most a few DST changes in 3 years) become a
 * {@code CASE} over parameters. The reader thus agrees to the hour with {@link Interval#buckets}, which
 * the service uses to fill empty buckets, whatever time-zone data the database carries.
 */
final class LocalTimeSql {
    private LocalTimeSql() {
    }

    /** A zone's offset from {@code since} until the next change (or the end of the range). */
    record OffsetPeriod(Instant since, int offsetSeconds) {
    }

    /** The offsets in force from {@code from} to {@code to}, in order; the first starts at {@code from}. */
    static List<OffsetPeriod> offsets(ZoneId zone, Instant from, Instant to) {
        ZoneRules rules = zone.getRules();
        List<OffsetPeriod> periods = new ArrayList<>();
        periods.add(new OffsetPeriod(from, rules.getOffset(from).getTotalSeconds()));
        ZoneOffsetTransition transition = rules.nextTransition(from);
        while (transition != null && transition.getInstant().isBefore(to)) {
            periods.add(new OffsetPeriod(transition.getInstant(), transition.getOffsetAfter().getTotalSeconds()));
            transition = rules.nextTransition(transition.getInstant());
        }
        return periods;
    }

    /**
     * The start of the bucket (a naive local TIMESTAMP) holding each value of {@code column}, a UTC
     * TIMESTAMP column whose values lie in {@code [from, to)}.
     */
    static Sql bucketStart(String column, Interval interval, ZoneId zone, Instant from, Instant to) {
        return new Sql().add("date_trunc('" + unit(interval) + "', " + column + " + to_seconds(CAST(")
                .add(offsetSeconds(column, offsets(zone, from, to)))
                .add(" AS BIGINT)))");
    }

    private static Sql offsetSeconds(String column, List<OffsetPeriod> periods) {
        if (periods.size() == 1) {
            return new Sql().int64(periods.get(0).offsetSeconds());
        }
        Sql sql = new Sql().add("CASE");
        for (int i = 1; i < periods.size(); i++) {
            sql.add(" WHEN " + column + " < ").time(periods.get(i).since())
                    .add(" THEN ").int64(periods.get(i - 1).offsetSeconds());
        }
        return sql.add(" ELSE ").int64(periods.get(periods.size() - 1).offsetSeconds()).add(" END");
    }

    /** DuckDB's date_trunc units; its weeks start on Monday, as ISO and {@link Interval} do. */
    private static String unit(Interval interval) {
        return switch (interval) {
            case HOUR -> "hour";
            case DAY -> "day";
            case WEEK -> "week";
            case MONTH -> "month";
        };
    }
}
