package app.tax.analytics.querymodel;

import app.tax.analytics.domain.stats.Interval;
import app.tax.analytics.domain.stats.StatsQuery;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.Optional;

/**
 * What the stats SQL of one store engine writes differently; {@link StatsSql} writes everything else
 * once. Expressions are SQL text over fixed names; anything carrying a value is a {@link Sql}.
 */
public interface Dialect {

    /** The placeholder of the {@code index}-th parameter (from 0), of type {@code type}. */
    String placeholder(int index, Sql.Type type);

    /**
     * What the base events are selected from (a table or a subquery): the source's events with
     * {@code "timestamp"} in {@code [from, to)} ({@code to} may be null: no end), with at least
     * {@code columns}, each {@code (source, message_id)} once; this is the store's deduplication
     * strategy. It may hold other events too: the caller restricts source and range again.
     */
    Sql baseEvents(String columns, String source, Instant from, Instant to);

    /** The spelling of the simple functions. */
    SqlFunctions functions();

    /**
     * The start of the {@code interval} (in the query's zone, local time) holding each value of the UTC
     * timestamp {@code column}, whose values lie in the query's range.
     */
    Sql bucketStart(String column, Interval interval, StatsQuery query);

    /** Reads back a bucket start selected with {@link SqlFunctions#localTime}. */
    LocalDateTime localTime(ResultSet rows, int column) throws SQLException;

    /** A property of the {@code properties} JSON as text, NULL when absent, null or empty. */
    Sql propertyValue(String key);

    /** Whether {@code value} contains {@code needle}, ignoring case (false for NULL). */
    Sql containsIgnoringCase(Sql value, String needle);

    /** An expression (a column of any text-like type) as nullable plain text. */
    Sql asText(Sql expression);

    /**
     * The join that looks up at most one row per key of a right side whose keys are unique (the identity
     * map's {@code links} and {@code persons}), keeping unmatched left rows.
     */
    default String lookupJoin() {
        return "LEFT JOIN";
    }

    /**
     * When the store keeps {@link SessionParts} (written with the events): the format truncating a UTC
     * timestamp expression to its hour, as the table's {@code hour} holds it. Empty: the stats queries group
     * the events themselves.
     */
    default Optional<String> sessionPartsHour() {
        return Optional.empty();
    }
}
