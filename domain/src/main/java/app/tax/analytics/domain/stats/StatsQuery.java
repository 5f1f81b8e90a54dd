package app.tax.analytics.domain.stats;

import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Objects;

/**
 * The common parameters of every dashboard query: one source, a half-open time range
 * {@code [from, to)}, the time zone buckets and dates are read in, and filters.
 */
public record StatsQuery(String source, Instant from, Instant to, ZoneId zone, List<Filter> filters) {
    /** Longest range one query may cover; keeps a typo from scanning years of data per request. */
    public static final Duration MAX_RANGE = Duration.ofDays(3 * 366);
    /** Dates a query may name: far enough either side of any event, and within what both stores' types hold. */
    public static final Instant EARLIEST = Instant.parse("1970-01-01T00:00:00Z");
    public static final Instant LATEST = Instant.parse("2200-01-01T00:00:00Z");

    public StatsQuery {
        if (source == null || source.isBlank()) {
            throw new InvalidQueryException("source", "is required");
        }
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
        Objects.requireNonNull(zone, "zone");
        checkBounds("from", from);
        checkBounds("to", to);
        if (!to.isAfter(from)) {
            throw new InvalidQueryException("to", "must be after from");
        }
        if (Duration.between(from, to).compareTo(MAX_RANGE) > 0) {
            throw new InvalidQueryException("from", "the range is longer than 3 years");
        }
        filters = filters == null ? List.of() : List.copyOf(filters);
    }

    /**
     * Reads the query parameters as the API receives them.
     *
     * @param from    ISO-8601 date (start of that day in {@code tz}) or date-time; required
     * @param to      exclusive end, same forms; required
     * @param tz      IANA zone id, default UTC
     * @param filters the filter grammar of {@link FilterParser}
     */
    public static StatsQuery parse(String source, String from, String to, String tz, String filters) {
        ZoneId zone = zone(tz);
        return new StatsQuery(source, instant("from", from, zone), instant("to", to, zone), zone, FilterParser.parse(filters));
    }

    public static ZoneId zone(String tz) {
        if (tz == null || tz.isBlank()) {
            return ZoneOffset.UTC;
        }
        try {
            return ZoneId.of(tz.strip());
        } catch (DateTimeException e) {
            throw new InvalidQueryException("tz", "'" + tz + "' is not an IANA time zone such as Africa/Nairobi");
        }
    }

    private static void checkBounds(String parameter, Instant instant) {
        if (instant.isBefore(EARLIEST) || instant.isAfter(LATEST)) {
            throw new InvalidQueryException(parameter, "must be between 1970-01-01 and 2200-01-01");
        }
    }

    static Instant instant(String parameter, String text, ZoneId zone) {
        if (text == null || text.isBlank()) {
            throw new InvalidQueryException(parameter, "is required (ISO-8601 date or date-time)");
        }
        String value = text.strip();
        try {
            if (value.length() <= 10) {
                return LocalDate.parse(value).atStartOfDay(zone).toInstant();
            }
            try {
                return OffsetDateTime.parse(value).toInstant();
            } catch (DateTimeParseException noOffset) {
                return LocalDateTime.parse(value).atZone(zone).toInstant();
            }
        } catch (DateTimeParseException e) {
            throw new InvalidQueryException(parameter, "'" + abbreviate(value) + "' is not an ISO-8601 date or date-time");
        } catch (DateTimeException e) {
            // a valid date-time that no Instant holds (year ±999999999 in a zone that pushes it over)
            throw new InvalidQueryException(parameter, "must be between 1970-01-01 and 2200-01-01");
        }
    }

    private static String abbreviate(String text) {
        return text.length() <= 40 ? text : text.substring(0, 40) + "…";
    }

    /** The range of equal length just before this one, for period-over-period comparison. */
    public StatsQuery previousPeriod() {
        Duration length = Duration.between(from, to);
        // just after EARLIEST the previous period starts before it: it is then shortened to start there
        Instant start = from.minus(length);
        return new StatsQuery(source, start.isBefore(EARLIEST) ? EARLIEST : start, from, zone, filters);
    }

    public StatsQuery withRange(Instant newFrom, Instant newTo) {
        return new StatsQuery(source, newFrom, newTo, zone, filters);
    }

    public StatsQuery withFilters(List<Filter> newFilters) {
        return new StatsQuery(source, from, to, zone, newFilters);
    }
}
