package app.tax.analytics.querymodel;

/**
 * How an engine spells the simple functions of the stats queries: each a format whose {@code %s} take
 * SQL expressions in order.
 *
 * @param countIf       how many rows of the group satisfy a condition
 * @param argMinIf      (value, order, condition): the value of the row with the least order among those
 *                      satisfying the condition
 * @param argMaxIf      the same with the greatest order
 * @param distinctState an aggregate holding the distinct values of a column in a group, which
 *                      {@code distinctCount} merges over groups: how visitors are counted over sessions
 * @param distinctCount the number of distinct values over the groups' {@code distinctState} values
 * @param epochMillis   milliseconds since the epoch of a UTC timestamp
 * @param localTime     a local bucket start in the form {@link Dialect#localTime} reads back
 * @param materialized  the keyword (with a trailing space) that makes the engine compute the CTE
 *                      {@code e}, read by several parts of a query, once; or nothing
 */
public record SqlFunctions(String countIf, String argMinIf, String argMaxIf, String distinctState, String distinctCount,
                           String epochMillis, String localTime, String materialized) {
}
