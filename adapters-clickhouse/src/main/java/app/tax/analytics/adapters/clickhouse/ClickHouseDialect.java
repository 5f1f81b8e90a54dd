package app.tax.analytics.adapters.clickhouse;

import app.tax.analytics.domain.stats.Interval;
import app.tax.analytics.domain.stats.StatsQuery;
import app.tax.analytics.querymodel.Dialect;
import app.tax.analytics.querymodel.Sql;
import app.tax.analytics.querymodel.SqlFunctions;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;

/**
 * ClickHouse's way of writing the shared stats SQL: server-side {@code {pN:Type}} parameters,
 * {@code -If} aggregates, {@code uniqExactState}/{@code uniqExactMerge} for visitors over sessions,
 * buckets with the server's time zones, and base events folded to the first written copy of each
 * message (the table may hold several, see V001).
 */
final class ClickHouseDialect implements Dialect {
    static final ClickHouseDialect INSTANCE = new ClickHouseDialect();

    /**
     * How far outside the range copies of a message are looked at. Copies of one message differ by the
     * milliseconds of skew correction, so an hour is ample; the copy written first decides whether
     * (and where) the message counts, as in the DuckDB store, where later copies are never stored.
     */
    private static final Duration DEDUPLICATION_MARGIN = Duration.ofHours(1);
    private static final long DAY_MILLIS = Duration.ofDays(1).toMillis();
    /** Whether an event lies within the margin of a UTC midnight (before 1970 too: a negative remainder counts). */
    private static final String NEAR_MIDNIGHT = "(toUnixTimestamp64Milli(\"timestamp\") % " + DAY_MILLIS + " < " + DEDUPLICATION_MARGIN.toMillis()
            + " OR toUnixTimestamp64Milli(\"timestamp\") % " + DAY_MILLIS + " >= " + (DAY_MILLIS - DEDUPLICATION_MARGIN.toMillis()) + ")";
    /** A local bucket start is read as the server prints it in its zone; CTEs are always inlined. */
    private static final SqlFunctions FUNCTIONS = new SqlFunctions("countIf(%s)", "argMinIf(%s, %s, %s)",
            "argMaxIf(%s, %s, %s)", "uniqExactState(%s)", "uniqExactMerge(%s)", "toUnixTimestamp64Milli(%s)", "toString(%s)", "");

    private ClickHouseDialect() {
    }

    /** Parameter names never collide with settings (a parameter named like a setting is misread). */
    static String parameterName(int index) {
        return "p" + index;
    }

    @Override
    public String placeholder(int index, Sql.Type type) {
        String typeName = switch (type) {
            case TEXT -> "String";
            case INT32 -> "Int32";
            case INT64 -> "Int64";
            case UINT32 -> "UInt32";
            case TIME -> BoundSql.TIME_TYPE;
        };
        return "{" + parameterName(index) + ":" + typeName + "}";
    }

    /**
     * One copy per message, the first written, in two steps. {@code FINAL} folds the copies that share a sorting key
     * (the same day), keeping the highest {@code keep_rank}, and costs little on top of reading the rows (10 M rows,
     * 90 days: the overview's SQL 4.0 s with a sort of the range by message id, 1.1 s with FINAL alone). Copies
     * on either side of a UTC midnight keep different keys, so the query drops those of them that lose to an
     * earlier-written copy of the same message: they lie within {@link #DEDUPLICATION_MARGIN} of a midnight, which
     * keeps that search to a twelfth of the range. {@code GLOBAL}: on the replicated layout the set is computed once
     * over all shards (it is usually empty) instead of each shard running a subquery over the Distributed table.
     */
    @Override
    public Sql baseEvents(String columns, String source, Instant from, Instant to) {
        Sql range = new Sql().add("source = ").text(source).add(" AND \"timestamp\" >= ").time(from.minus(DEDUPLICATION_MARGIN));
        if (to != null) {
            range.add(" AND \"timestamp\" < ").time(to.plus(DEDUPLICATION_MARGIN));
        }
        return new Sql().add("(SELECT " + columns + " FROM events FINAL WHERE ").add(range)
                .add(" AND (message_id, keep_rank) GLOBAL NOT IN (SELECT message_id, arrayJoin(arrayFilter(rank -> rank < max(keep_rank),"
                        + " groupArray(keep_rank))) FROM events FINAL WHERE ").add(range)
                .add(" AND " + NEAR_MIDNIGHT + " GROUP BY message_id HAVING count() > 1))");
    }

    @Override
    public SqlFunctions functions() {
        return FUNCTIONS;
    }

    /**
     * Bucket start in local time; weeks start on Monday (mode 1), as in {@link Interval}. An IANA zone
     * goes by name to the server's toTimeZone; a fixed offset (which has no IANA name) as seconds added
     * to UTC.
     */
    @Override
    public Sql bucketStart(String column, Interval interval, StatsQuery query) {
        Sql local = new Sql();
        if (query.zone() instanceof ZoneOffset offset) {
            local.add("toTimeZone(addSeconds(" + column + ", ").value(Sql.Type.INT32, (long) offset.getTotalSeconds()).add("), 'UTC')");
        } else {
            local.add("toTimeZone(" + column + ", ").text(query.zone().getId()).add(")");
        }
        return switch (interval) {
            case HOUR -> new Sql().add("toStartOfHour(").add(local).add(")");
            case DAY -> new Sql().add("toStartOfDay(").add(local).add(")");
            case WEEK -> new Sql().add("toStartOfWeek(").add(local).add(", 1)");
            case MONTH -> new Sql().add("toStartOfMonth(").add(local).add(")");
        };
    }

    /** A date, or a date and time (perhaps with fractions). */
    @Override
    public LocalDateTime localTime(ResultSet rows, int column) throws SQLException {
        String text = rows.getString(column);
        if (text.length() <= 10) {
            return LocalDate.parse(text).atStartOfDay();
        }
        return LocalDateTime.parse(text.substring(0, 19).replace(' ', 'T'));
    }

    /**
     * A property's value as text: a JSON string as is, anything else (number, boolean, object) as its
     * JSON text; an empty string counts as no value.
     */
    @Override
    public Sql propertyValue(String key) {
        return new Sql().add("nullIf(multiIf(JSONType(properties, ").text(key).add(") = 'String', JSONExtractString(properties, ")
                .text(key).add("), JSONType(properties, ").text(key).add(") = 'Null', '', JSONExtractRaw(properties, ")
                .text(key).add(")), '')");
    }

    @Override
    public Sql containsIgnoringCase(Sql value, String needle) {
        return new Sql().add("position(lowerUTF8(").add(value).add("), lowerUTF8(").text(needle).add(")) > 0");
    }

    /**
     * {@code ANY}: the keys are unique, and a plain (ALL) LEFT JOIN of the persons made the funnel's self-join of
     * {@code e} twenty times slower (measured on 120,000 events, 26.x); the answer is the same.
     */
    @Override
    public String lookupJoin() {
        return "LEFT ANY JOIN";
    }

    /** LowCardinality and Nullable columns as one type, so values and NULL compare and print alike. */
    @Override
    public Sql asText(Sql expression) {
        return new Sql().add("CAST(").add(expression).add(" AS Nullable(String))");
    }
}
