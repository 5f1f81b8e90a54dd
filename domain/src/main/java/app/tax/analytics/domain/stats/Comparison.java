package app.tax.analytics.domain.stats;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Objects;
import java.util.Optional;

/**
 * The range a query's numbers are compared with (the API's {@code compare}): the equally long range just
 * before, the same range one year earlier, or a range of the caller's choice.
 */
public sealed interface Comparison {
    Comparison PREVIOUS = new Previous();
    Comparison YEAR_BEFORE = new YearBefore();

    /** The query over the compared range: same source, zone and filters. */
    StatsQuery comparedQuery(StatsQuery query);

    /** The range of equal length just before the query's. */
    record Previous() implements Comparison {
        @Override
        public StatsQuery comparedQuery(StatsQuery query) {
            return query.previousPeriod();
        }
    }

    /** The same local dates and times one year earlier in the query's zone (29 February becomes the 28th). */
    record YearBefore() implements Comparison {
        @Override
        public StatsQuery comparedQuery(StatsQuery query) {
            ZoneId zone = query.zone();
            return query.withRange(query.from().atZone(zone).minusYears(1).toInstant(), query.to().atZone(zone).minusYears(1).toInstant());
        }
    }

    /** A chosen range {@code [from, to)}; it may differ in length from the query's. */
    record Custom(Instant from, Instant to) implements Comparison {
        public Custom {
            Objects.requireNonNull(from, "from");
            Objects.requireNonNull(to, "to");
            if (!to.isAfter(from)) {
                throw new InvalidQueryException("compareTo", "must be after compareFrom");
            }
            if (Duration.between(from, to).compareTo(StatsQuery.MAX_RANGE) > 0) {
                throw new InvalidQueryException("compareFrom", "the compared range is longer than 3 years");
            }
        }

        @Override
        public StatsQuery comparedQuery(StatsQuery query) {
            return query.withRange(from, to);
        }
    }

    /**
     * Reads the API's parameters: {@code compare} is previous, year, custom or none (empty when none);
     * {@code compareFrom} and {@code compareTo} (the forms of {@code from} and {@code to}, read in
     * {@code zone}) are required with custom and refused otherwise.
     *
     * @param absent what a missing {@code compare} means
     */
    static Optional<Comparison> parse(String compare, String compareFrom, String compareTo, ZoneId zone, String absent) {
        String name = compare == null || compare.isBlank() ? absent : compare.strip();
        boolean rangeGiven = compareFrom != null && !compareFrom.isBlank() || compareTo != null && !compareTo.isBlank();
        if (rangeGiven && !name.equals("custom")) {
            throw new InvalidQueryException(compareFrom != null && !compareFrom.isBlank() ? "compareFrom" : "compareTo",
                    "is only read with compare=custom");
        }
        return switch (name) {
            case "none" -> Optional.empty();
            case "previous" -> Optional.of(PREVIOUS);
            case "year" -> Optional.of(YEAR_BEFORE);
            case "custom" -> Optional.of(new Custom(StatsQuery.instant("compareFrom", compareFrom, zone),
                    StatsQuery.instant("compareTo", compareTo, zone)));
            default -> throw new InvalidQueryException("compare", "unknown '" + name + "'; previous, year, custom or none");
        };
    }

    /** {@link #parse} for the time series: no comparison unless asked. */
    static Optional<Comparison> parseForSeries(String compare, String compareFrom, String compareTo, ZoneId zone) {
        return parse(compare, compareFrom, compareTo, zone, "none");
    }

    /** {@link #parse} for the overview: the previous range unless another is asked; none is refused (it always compares). */
    static Comparison parseForOverview(String compare, String compareFrom, String compareTo, ZoneId zone) {
        return parse(compare, compareFrom, compareTo, zone, "previous").orElseThrow(() ->
                new InvalidQueryException("compare", "the overview always compares: previous, year or custom"));
    }
}
