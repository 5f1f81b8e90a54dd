package app.tax.analytics.querymodel;

import app.tax.analytics.domain.stats.Interval;
import app.tax.analytics.domain.stats.StatsQuery;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDateTime;

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

    /** The keyword (with a trailing space) that makes the engine compute the CTE {@code e} once, or "". */
    String materialized();

    /** How many rows of the group satisfy {@code condition}. */
    String countIf(String condition);

    /** {@code value} of the group's row with the least {@code order} among those satisfying {@code condition}. */
    String argMinIf(String value, String order, String condition);

    /** {@code value} of the group's row with the greatest {@code order} among those satisfying {@code condition}. */
    String argMaxIf(String value, String order, String condition);

    /**
     * An aggregate holding the distinct values of {@code column} in a group, which
     * {@link #distinctCount} merges over groups: how visitors are counted over session aggregates.
     */
    String distinctState(String column);

    /** The number of distinct values over the groups' {@link #distinctState} values in {@code stateColumn}. */
    String distinctCount(String stateColumn);

    /** Milliseconds since the epoch of a UTC timestamp expression. */
    String epochMillis(String expression);

    /**
     * The start of the {@code interval} (in the query's zone, local time) holding each value of the UTC
     * timestamp {@code column}, whose values lie in the query's range.
     */
    Sql bucketStart(String column, Interval interval, StatsQuery query);

    /** A selectable form of a local bucket start, which {@link #localTime} reads back. */
    String selectLocalTime(String bucket);

    LocalDateTime localTime(ResultSet rows, int column) throws SQLException;

    /** A property of the {@code properties} JSON as text, NULL when absent, null or empty. */
    Sql propertyValue(String key);

    /** Whether {@code value} contains {@code needle}, ignoring case (false for NULL). */
    Sql containsIgnoringCase(Sql value, String needle);

    /** An expression (a column of any text-like type) as nullable plain text. */
    Sql asText(Sql expression);
}
