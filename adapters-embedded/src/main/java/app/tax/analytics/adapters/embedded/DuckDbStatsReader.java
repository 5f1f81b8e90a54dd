package app.tax.analytics.adapters.embedded;

import app.tax.analytics.application.port.out.StatsReader;
import app.tax.analytics.application.port.out.StoreUnavailableException;
import app.tax.analytics.domain.stats.BreakdownRow;
import app.tax.analytics.domain.stats.CohortActivity;
import app.tax.analytics.domain.stats.Dimension;
import app.tax.analytics.domain.stats.DimensionKind;
import app.tax.analytics.domain.stats.Filter;
import app.tax.analytics.domain.stats.FunnelDefinition;
import app.tax.analytics.domain.stats.FunnelStep;
import app.tax.analytics.domain.stats.Interval;
import app.tax.analytics.domain.stats.LatestEvent;
import app.tax.analytics.domain.stats.MetricMath;
import app.tax.analytics.domain.stats.MetricValues;
import app.tax.analytics.domain.stats.StatsQuery;
import app.tax.analytics.domain.stats.TimeseriesPoint;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * {@link StatsReader} on DuckDB, computing exactly the semantics of docs/STATS.md. Every query starts
 * from the same CTE {@code e}: the source's non-bot events in range that pass the filters (the primary
 * key already holds each event once). Sessions are grouped from {@code e}, so filters shape them too.
 * Dimensions map to columns through {@link #EVENT_COLUMNS}; values, property keys, zone offsets and
 * limits are parameters.
 */
final class DuckDbStatsReader implements StatsReader {
    /** Event-level dimension → column; entry/exit page are derived per session, prop:<key> from JSON. */
    static final Map<DimensionKind, String> EVENT_COLUMNS;

    static {
        Map<DimensionKind, String> columns = new EnumMap<>(DimensionKind.class);
        columns.put(DimensionKind.PAGE, "path");
        columns.put(DimensionKind.HOSTNAME, "hostname");
        columns.put(DimensionKind.REFERRER, "referrer_domain");
        columns.put(DimensionKind.CHANNEL, "channel");
        columns.put(DimensionKind.UTM_SOURCE, "utm_source");
        columns.put(DimensionKind.UTM_MEDIUM, "utm_medium");
        columns.put(DimensionKind.UTM_CAMPAIGN, "utm_campaign");
        columns.put(DimensionKind.UTM_TERM, "utm_term");
        columns.put(DimensionKind.UTM_CONTENT, "utm_content");
        columns.put(DimensionKind.COUNTRY, "country");
        columns.put(DimensionKind.REGION, "region");
        columns.put(DimensionKind.CITY, "city");
        columns.put(DimensionKind.BROWSER, "browser");
        columns.put(DimensionKind.OS, "os");
        columns.put(DimensionKind.DEVICE, "device");
        columns.put(DimensionKind.EVENT, "event_name");
        EVENT_COLUMNS = Collections.unmodifiableMap(columns);
    }

    private static final String PAGE_WITH_PATH = "type = 'page' AND path IS NOT NULL";
    /** Per session of a set of events: the path of its first and last page event (ties: by message id). */
    private static final String SESSION_PAGES = "SELECT session_id,"
            + " arg_min(path, (\"timestamp\", message_id)) FILTER (WHERE " + PAGE_WITH_PATH + ") AS entry_page,"
            + " arg_max(path, (\"timestamp\", message_id)) FILTER (WHERE " + PAGE_WITH_PATH + ") AS exit_page"
            + " FROM %s GROUP BY session_id";
    /** Per session of a set of events: start, end, pageviews, tracks. */
    private static final String SESSION_AGGREGATES = "min(\"timestamp\") AS started, max(\"timestamp\") AS ended,"
            + " count(*) FILTER (WHERE type = 'page') AS pageviews, count(*) FILTER (WHERE type = 'track') AS tracks";
    /** Over session aggregates: how many, how many bounced, their total length in milliseconds. */
    private static final String SESSION_TOTALS = "count(*) AS sessions,"
            + " count(*) FILTER (WHERE pageviews <= 1 AND tracks = 0) AS bounced,"
            + " coalesce(sum(epoch_ms(ended) - epoch_ms(started)), 0) AS duration_ms";
    private static final String EVENT_TOTALS = "count(DISTINCT visitor_id) AS visitors,"
            + " count(*) FILTER (WHERE type = 'page') AS pageviews, count(*) AS events";

    private final DuckDbDatabase database;

    DuckDbStatsReader(DuckDbDatabase database) {
        this.database = Objects.requireNonNull(database);
    }

    @Override
    public MetricValues overview(StatsQuery query) {
        Sql sql = new Sql().add("WITH ").add(filteredEvents(query))
                .add(",\nevent_sessions AS (SELECT session_id, " + SESSION_AGGREGATES + " FROM e GROUP BY session_id)")
                .add("\nSELECT t.visitors, t.pageviews, t.events, s.sessions, s.bounced, s.duration_ms"
                        + " FROM (SELECT " + EVENT_TOTALS + " FROM e) t, (SELECT " + SESSION_TOTALS + " FROM event_sessions) s");
        return query(sql, rows -> {
            rows.next();
            return metrics(rows, 1);
        });
    }

    @Override
    public List<TimeseriesPoint> timeseries(StatsQuery query, Interval interval) {
        Objects.requireNonNull(interval, "interval");
        Sql sql = new Sql().add("WITH ").add(filteredEvents(query))
                .add(",\nby_bucket AS (SELECT ")
                .add(LocalTimeSql.bucketStart("\"timestamp\"", interval, query.zone(), query.from(), query.to()))
                .add(" AS bucket, " + EVENT_TOTALS + " FROM e GROUP BY bucket)")
                .add(",\nevent_sessions AS (SELECT session_id, " + SESSION_AGGREGATES + " FROM e GROUP BY session_id)")
                // A session counts in the bucket where it starts.
                .add(",\nsessions_by_bucket AS (SELECT ")
                .add(LocalTimeSql.bucketStart("started", interval, query.zone(), query.from(), query.to()))
                .add(" AS bucket, " + SESSION_TOTALS + " FROM event_sessions GROUP BY bucket)")
                .add("\nSELECT epoch_ms(b.bucket), b.visitors, b.pageviews, b.events,"
                        + " coalesce(s.sessions, 0), coalesce(s.bounced, 0), coalesce(s.duration_ms, 0)"
                        + " FROM by_bucket b LEFT JOIN sessions_by_bucket s ON b.bucket = s.bucket ORDER BY b.bucket");
        return query(sql, rows -> {
            List<TimeseriesPoint> points = new ArrayList<>();
            while (rows.next()) {
                points.add(new TimeseriesPoint(localTime(rows.getLong(1)), metrics(rows, 2)));
            }
            return points;
        });
    }

    @Override
    public List<BreakdownRow> breakdown(StatsQuery query, Dimension dimension, int limit) {
        Objects.requireNonNull(dimension, "dimension");
        if (limit < 1) {
            return List.of();
        }
        DimensionKind kind = dimension.kind();
        Sql sql = new Sql().add("WITH ").add(filteredEvents(query));
        Sql value;
        String from;
        if (kind.isSessionLevel()) {
            sql.add(",\nsession_pages AS (" + SESSION_PAGES.formatted("e") + ")");
            value = new Sql().add(kind == DimensionKind.ENTRY_PAGE ? "session_pages.entry_page" : "session_pages.exit_page");
            from = "e JOIN session_pages USING (session_id)";
        } else {
            value = eventColumn(dimension);
            from = "e";
        }
        sql.add(",\nx AS (SELECT * FROM (SELECT ").add(value)
                .add(" AS value, visitor_id, session_id, type, \"timestamp\" FROM " + from + ") WHERE " + rowsKept(kind) + ")")
                .add(",\nby_value AS (SELECT value, " + EVENT_TOTALS + " FROM x GROUP BY value)")
                .add(",\nvalue_sessions AS (SELECT value, session_id, " + SESSION_AGGREGATES + " FROM x GROUP BY value, session_id)")
                .add(",\nsessions_by_value AS (SELECT value, " + SESSION_TOTALS + " FROM value_sessions GROUP BY value)")
                .add("\nSELECT v.value, v.visitors, v.pageviews, v.events,"
                        + " coalesce(s.sessions, 0), coalesce(s.bounced, 0), coalesce(s.duration_ms, 0)"
                        + " FROM by_value v LEFT JOIN sessions_by_value s ON v.value IS NOT DISTINCT FROM s.value"
                        + " ORDER BY v.visitors DESC, v.events DESC, v.value ASC NULLS LAST LIMIT ?", limit);
        return query(sql, rows -> {
            List<BreakdownRow> result = new ArrayList<>();
            while (rows.next()) {
                result.add(new BreakdownRow(rows.getString(1), metrics(rows, 2)));
            }
            return result;
        });
    }

    /**
     * Which events of a breakdown form rows: {@code page} counts page events, {@code event} track
     * events; for those, properties and entry/exit pages, events without a value are left out. Other
     * dimensions keep a row for "no value".
     */
    private static String rowsKept(DimensionKind kind) {
        return switch (kind) {
            case PAGE -> "type = 'page' AND value IS NOT NULL";
            case EVENT -> "type = 'track' AND value IS NOT NULL";
            case PROPERTY, ENTRY_PAGE, EXIT_PAGE -> "value IS NOT NULL";
            default -> "true";
        };
    }

    /**
     * One CTE per step: {@code step1} holds each visitor's first step-1 event ({@code started}); {@code stepK}
     * the visitors of step K-1 with their earliest step-K event after the step K-1 one and at most the window
     * after {@code started}. Greedy earliest matches find an ordered path whenever there is one.
     */
    @Override
    public List<Long> funnel(StatsQuery query, FunnelDefinition funnel) {
        Objects.requireNonNull(funnel, "funnel");
        List<FunnelStep> steps = funnel.steps();
        Sql sql = new Sql().add("WITH ").add(filteredEvents(query))
                .add(",\nstep1 AS (SELECT visitor_id, min(\"timestamp\") AS started, min(\"timestamp\") AS reached FROM e WHERE ")
                .add(stepMatches(steps.get(0))).add(" GROUP BY visitor_id)");
        for (int k = 2; k <= steps.size(); k++) {
            sql.add(",\nstep" + k + " AS (SELECT p.visitor_id, p.started, min(e.\"timestamp\") AS reached FROM step" + (k - 1)
                            + " p JOIN e ON e.visitor_id = p.visitor_id WHERE e.\"timestamp\" > p.reached"
                            + " AND epoch_ms(e.\"timestamp\") <= epoch_ms(p.started) + ? AND ", funnel.window().toMillis())
                    .add(stepMatches(steps.get(k - 1))).add(" GROUP BY p.visitor_id, p.started)");
        }
        sql.add("\nSELECT ");
        for (int k = 1; k <= steps.size(); k++) {
            sql.add((k == 1 ? "" : ", ") + "(SELECT count(*) FROM step" + k + ")");
        }
        return query(sql, rows -> {
            rows.next();
            List<Long> visitors = new ArrayList<>();
            for (int k = 1; k <= steps.size(); k++) {
                visitors.add(rows.getLong(k));
            }
            return visitors;
        });
    }

    /** Whether an event of {@code e} is the step: a pageview of its path or a track event of its name. */
    private static Sql stepMatches(FunnelStep step) {
        return step.kind() == FunnelStep.Kind.PAGE
                ? new Sql().add("(e.type = 'page' AND e.path = ?)", step.value())
                : new Sql().add("(e.type = 'track' AND e.event_name = ?)", step.value());
    }

    @Override
    public List<CohortActivity> retention(StatsQuery query, Interval period) {
        Objects.requireNonNull(period, "period");
        Sql sql = new Sql().add("WITH ").add(filteredEvents(query))
                .add(",\nvisits AS (SELECT visitor_id, ")
                .add(LocalTimeSql.bucketStart("\"timestamp\"", period, query.zone(), query.from(), query.to()))
                .add(" AS period FROM e GROUP BY visitor_id, period)")
                // the period of a visitor's first event is their earliest period with events
                .add(",\ncohorts AS (SELECT visitor_id, min(period) AS cohort FROM visits GROUP BY visitor_id)")
                .add("\nSELECT epoch_ms(c.cohort), epoch_ms(v.period), count(*) FROM cohorts c JOIN visits v USING (visitor_id)"
                        + " GROUP BY c.cohort, v.period ORDER BY c.cohort, v.period");
        return query(sql, rows -> {
            List<CohortActivity> activity = new ArrayList<>();
            while (rows.next()) {
                activity.add(new CohortActivity(localTime(rows.getLong(1)), localTime(rows.getLong(2)), rows.getLong(3)));
            }
            return activity;
        });
    }

    @Override
    public List<LatestEvent> latestEvents(String source, Instant since, int limit) {
        if (limit < 1) {
            return List.of();
        }
        Sql sql = new Sql().add("SELECT epoch_ms(\"timestamp\"), type, event_name, name, path, country, device FROM "
                + EventsTable.NAME + " WHERE source = ? AND \"timestamp\" >= make_timestamp(?) AND NOT is_bot"
                + " ORDER BY \"timestamp\" DESC, message_id DESC LIMIT ?", source, micros(since), limit);
        return query(sql, rows -> {
            List<LatestEvent> events = new ArrayList<>();
            while (rows.next()) {
                events.add(LatestEvent.of(Instant.ofEpochMilli(rows.getLong(1)), rows.getString(2), rows.getString(3),
                        rows.getString(4), rows.getString(5), rows.getString(6), rows.getString(7)));
            }
            return events;
        });
    }

    /** A naive local TIMESTAMP read as epoch milliseconds. */
    private static LocalDateTime localTime(long epochMillis) {
        return LocalDateTime.ofInstant(Instant.ofEpochMilli(epochMillis), ZoneOffset.UTC);
    }

    @Override
    public long visitorsSince(String source, Instant since) {
        Sql sql = new Sql().add("SELECT count(DISTINCT visitor_id) FROM " + EventsTable.NAME
                + " WHERE source = ? AND \"timestamp\" >= make_timestamp(?) AND NOT is_bot", source, micros(since));
        return query(sql, rows -> {
            rows.next();
            return rows.getLong(1);
        });
    }

    @Override
    public List<String> sources() {
        Sql sql = new Sql().add("SELECT DISTINCT source FROM " + EventsTable.NAME + " ORDER BY source");
        return query(sql, rows -> {
            List<String> sources = new ArrayList<>();
            while (rows.next()) {
                sources.add(rows.getString(1));
            }
            return sources;
        });
    }

    /**
     * The CTEs {@code e0} (events of the source in range, not bots, passing the event-level filters)
     * and {@code e} (of those, the events of sessions whose entry/exit page passes those filters).
     */
    static Sql filteredEvents(StatsQuery query) {
        Sql sql = new Sql().add("e0 AS (SELECT * FROM " + EventsTable.NAME
                        + " WHERE source = ? AND \"timestamp\" >= make_timestamp(?) AND \"timestamp\" < make_timestamp(?) AND NOT is_bot",
                query.source(), micros(query.from()), micros(query.to()));
        List<Filter> sessionFilters = new ArrayList<>();
        for (Filter filter : query.filters()) {
            if (filter.dimension().kind().isSessionLevel()) {
                sessionFilters.add(filter);
            } else {
                sql.add(" AND ").add(condition(eventColumn(filter.dimension()), filter));
            }
        }
        sql.add(")");
        if (sessionFilters.isEmpty()) {
            return sql.add(",\ne AS (SELECT * FROM e0)");
        }
        sql.add(",\nfiltered_session_pages AS (" + SESSION_PAGES.formatted("e0") + ")")
                .add(",\ne AS (SELECT e0.* FROM e0 JOIN filtered_session_pages p USING (session_id) WHERE true");
        for (Filter filter : sessionFilters) {
            String column = filter.dimension().kind() == DimensionKind.ENTRY_PAGE ? "p.entry_page" : "p.exit_page";
            sql.add(" AND ").add(condition(new Sql().add(column), filter));
        }
        return sql.add(")");
    }

    /** The SQL expression of an event-level dimension; a property key is bound as a JSON pointer. */
    static Sql eventColumn(Dimension dimension) {
        if (dimension.kind() == DimensionKind.PROPERTY) {
            String pointer = "/" + dimension.propertyKey().replace("~", "~0").replace("/", "~1");
            // An empty string counts as no value, as a blank column does.
            return new Sql().add("NULLIF(json_extract_string(properties, ?), '')", pointer);
        }
        String column = EVENT_COLUMNS.get(dimension.kind());
        if (column == null) {
            throw new IllegalArgumentException(dimension.wireName() + " is not an event-level dimension");
        }
        return new Sql().add(column);
    }

    /**
     * A filter as a boolean expression over {@code column}. {@code ==}: equals one of the values, an
     * empty value matching no value; {@code !=}: equals none of them, no value matching unless an empty
     * value is listed; {@code =~}: contains one of them, ignoring case (never matches no value).
     */
    static Sql condition(Sql column, Filter filter) {
        List<String> present = filter.values().stream().filter(v -> !v.isEmpty()).toList();
        boolean emptyListed = present.size() < filter.values().size();
        Sql sql = new Sql().add("(");
        switch (filter.operator()) {
            case IS -> {
                List<Sql> alternatives = new ArrayList<>();
                if (!present.isEmpty()) {
                    alternatives.add(new Sql().add(column).add(" IN (").addList(present).add(")"));
                }
                if (emptyListed) {
                    alternatives.add(new Sql().add(column).add(" IS NULL OR ").add(column).add(" = ''"));
                }
                joined(sql, alternatives, " OR ");
            }
            case IS_NOT -> {
                List<Sql> conditions = new ArrayList<>();
                conditions.add(emptyListed
                        ? new Sql().add(column).add(" IS NOT NULL AND ").add(column).add(" <> ''")
                        : new Sql().add(column).add(" IS NULL"));
                if (!present.isEmpty()) {
                    conditions.add(new Sql().add(column).add(" NOT IN (").addList(present).add(")"));
                }
                // Without an empty value: no value OR not listed; with one: a value AND not listed.
                joined(sql, conditions, emptyListed ? " AND " : " OR ");
            }
            case CONTAINS -> {
                List<Sql> alternatives = new ArrayList<>();
                for (String value : present) {
                    alternatives.add(new Sql().add("contains(lower(").add(column).add("), lower(?))", value));
                }
                joined(sql, alternatives.isEmpty() ? List.of(new Sql().add("false")) : alternatives, " OR ");
            }
        }
        return sql.add(")");
    }

    private static void joined(Sql target, List<Sql> parts, String separator) {
        for (int i = 0; i < parts.size(); i++) {
            target.add(i == 0 ? "(" : separator + "(").add(parts.get(i)).add(")");
        }
    }

    /** Microseconds since the epoch, for {@code make_timestamp(?)}. */
    static long micros(Instant instant) {
        return Math.addExact(Math.multiplyExact(instant.getEpochSecond(), 1_000_000L), instant.getNano() / 1000);
    }

    /** Reads visitors, pageviews, events, sessions, bounced, duration in ms from {@code first} on. */
    private static MetricValues metrics(ResultSet rows, int first) throws SQLException {
        return MetricMath.from(rows.getLong(first), rows.getLong(first + 1), rows.getLong(first + 2),
                rows.getLong(first + 3), rows.getLong(first + 4), rows.getLong(first + 5) / 1000.0);
    }

    @FunctionalInterface
    private interface RowsReader<T> {
        T read(ResultSet rows) throws SQLException;
    }

    private <T> T query(Sql sql, RowsReader<T> reader) {
        try {
            return database.read(connection -> {
                try (PreparedStatement statement = sql.prepare(connection); ResultSet rows = statement.executeQuery()) {
                    return reader.read(rows);
                }
            });
        } catch (SQLException e) {
            throw new StoreUnavailableException("DuckDB did not answer a stats query: " + e.getMessage(), e);
        }
    }
}
