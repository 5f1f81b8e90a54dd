package app.tax.analytics.adapters.embedded;

import app.tax.analytics.domain.stats.Interval;
import app.tax.analytics.domain.stats.StatsQuery;
import app.tax.analytics.querymodel.Dialect;
import app.tax.analytics.querymodel.EventField;
import app.tax.analytics.querymodel.FieldType;
import app.tax.analytics.querymodel.Sql;
import app.tax.analytics.querymodel.SqlFunctions;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;

/**
 * DuckDB's way of writing the shared stats SQL: positional {@code ?} parameters (times as
 * {@code make_timestamp} of microseconds), {@code FILTER (WHERE ...)} aggregates, buckets by the zone's
 * offsets from java.time ({@link LocalTimeSql}). Base events need no deduplication: the primary key
 * {@code (source, message_id)} holds each message once.
 */
final class DuckDbDialect implements Dialect {
    static final DuckDbDialect INSTANCE = new DuckDbDialect();

    /**
     * Visitors over sessions: lists of distinct ids, flattened. Local bucket starts are naive TIMESTAMPs,
     * read as epoch milliseconds. {@code e} is materialized: computed once it is cheaper, and inlined,
     * DuckDB 1.4.4 failed some of these queries with prepared parameters ("Expected unified vector format
     * of type VARCHAR, but found type INT32"), which the same SQL with literal values did not.
     */
    private static final SqlFunctions FUNCTIONS = new SqlFunctions("count(*) FILTER (WHERE %s)",
            "arg_min(%s, %s) FILTER (WHERE %s)", "arg_max(%s, %s) FILTER (WHERE %s)", "list(DISTINCT %s)",
            "coalesce(len(list_distinct(flatten(list(%s)))), 0)", "epoch_ms(%s)", "epoch_ms(%s)", "MATERIALIZED ");

    private DuckDbDialect() {
    }

    @Override
    public String placeholder(int index, Sql.Type type) {
        return type == Sql.Type.TIME ? "make_timestamp(?)" : "?";
    }

    /** The table itself: its primary key holds each message once. */
    @Override
    public Sql baseEvents(String columns, String source, Instant from, Instant to) {
        return new Sql().add(EventsTable.NAME);
    }

    /** The store keeps {@link SessionPartsTable}. */
    @Override
    public Optional<String> sessionPartsHour() {
        return Optional.of(SessionPartsTable.HOUR);
    }

    @Override
    public SqlFunctions functions() {
        return FUNCTIONS;
    }

    @Override
    public Sql bucketStart(String column, Interval interval, StatsQuery query) {
        return LocalTimeSql.bucketStart(column, interval, query.zone(), query.from(), query.to());
    }

    @Override
    public LocalDateTime localTime(ResultSet rows, int column) throws SQLException {
        return LocalDateTime.ofInstant(Instant.ofEpochMilli(rows.getLong(column)), ZoneOffset.UTC);
    }

    /** The key is bound as a JSON pointer; an empty string counts as no value, as a blank column does. */
    @Override
    public Sql propertyValue(String key) {
        String pointer = "/" + key.replace("~", "~0").replace("/", "~1");
        return new Sql().add("NULLIF(json_extract_string(properties, ").text(pointer).add("), '')");
    }

    @Override
    public Sql containsIgnoringCase(Sql value, String needle) {
        return new Sql().add("contains(lower(").add(value).add("), lower(").text(needle).add("))");
    }

    @Override
    public Sql asText(Sql expression) {
        return expression;
    }

    /** The column type of a field in the {@code events} DDL. */
    static String columnType(EventField field) {
        String type = switch (field.type()) {
            case TEXT -> "VARCHAR";
            case TIME -> "TIMESTAMP";
            case BOOLEAN -> "BOOLEAN";
            // JSON columns never hold NULL (an absent object is {}), so no constraint is declared.
            case JSON -> "JSON";
        };
        return field.required() && field.type() != FieldType.JSON ? type + " NOT NULL" : type;
    }

    /** A statement with the parameters bound in order. */
    static PreparedStatement prepare(Connection connection, Sql sql) throws SQLException {
        PreparedStatement statement = connection.prepareStatement(sql.render(INSTANCE));
        try {
            List<Sql.Parameter> parameters = sql.parameters();
            for (int i = 0; i < parameters.size(); i++) {
                Sql.Parameter parameter = parameters.get(i);
                switch (parameter.type()) {
                    case TEXT -> statement.setString(i + 1, (String) parameter.value());
                    case INT32, INT64, UINT32 -> statement.setLong(i + 1, (Long) parameter.value());
                    case TIME -> statement.setLong(i + 1, micros((Instant) parameter.value()));
                }
            }
            return statement;
        } catch (SQLException | RuntimeException e) {
            statement.close();
            throw e;
        }
    }

    /** Microseconds since the epoch, for {@code make_timestamp(?)}. */
    static long micros(Instant instant) {
        return Math.addExact(Math.multiplyExact(instant.getEpochSecond(), 1_000_000L), instant.getNano() / 1000);
    }
}
