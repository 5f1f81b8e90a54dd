package app.tax.analytics.adapters.clickhouse;

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
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * {@link StatsReader} on ClickHouse with the semantics of docs/STATS.md, query for query the same as the
 * DuckDB reader: every query starts from the CTE {@code e} (the source's non-bot events in range, each
 * message once, passing the filters) and groups sessions from it. Dimensions map to columns through
 * {@link #EVENT_COLUMNS}; every value, property key, zone and limit is a server-side parameter.
 */
final class ClickHouseStatsReader implements StatsReader {
    /** Event-level dimension → column; entry/exit page are derived per session, prop:<key> from JSON. */
    private static final Map<DimensionKind, String> EVENT_COLUMNS;

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

    /** Columns the queries read; the others (URLs, user agents, traits ...) are never scanned. */
    private static final String READ_COLUMNS = "message_id, type, event_name, visitor_id, session_id, timestamp, is_bot,"
            + " path, hostname, referrer_domain, channel, utm_source, utm_medium, utm_campaign, utm_term, utm_content,"
            + " country, region, city, browser, os, device, properties";
    /**
     * How far outside the range copies of a message are looked at. Copies of one message differ by the
     * milliseconds of skew correction, so an hour is ample; the copy written first decides whether
     * (and where) the message counts, as in the DuckDB store, where later copies are never stored.
     */
    private static final Duration DEDUPLICATION_MARGIN = Duration.ofHours(1);

    private static final String PAGE_WITH_PATH = "type = 'page' AND path IS NOT NULL";
    /** Per session: the path of its first and last page event (ties broken by message id). */
    private static final String SESSION_PAGES = "SELECT session_id,"
            + " argMinIf(path, (timestamp, message_id), " + PAGE_WITH_PATH + ") AS entry_page,"
            + " argMaxIf(path, (timestamp, message_id), " + PAGE_WITH_PATH + ") AS exit_page"
            + " FROM %s GROUP BY session_id";
    /** Per session (of a set of events): its visitors, pageviews, tracks, events and length. */
    private static final String SESSION_AGGREGATES = "uniqExactState(visitor_id) AS visitor_state,"
            + " countIf(type = 'page') AS session_pageviews, countIf(type = 'track') AS session_tracks,"
            + " count() AS session_events, min(timestamp) AS started,"
            + " toUnixTimestamp64Milli(max(timestamp)) - toUnixTimestamp64Milli(min(timestamp)) AS length_ms";
    /** Over session aggregates: the counts MetricMath needs, in its order. */
    private static final String TOTALS = "uniqExactMerge(visitor_state) AS visitors, sum(session_pageviews) AS pageviews,"
            + " sum(session_events) AS events, count() AS sessions,"
            + " countIf(session_pageviews <= 1 AND session_tracks = 0) AS bounced, sum(length_ms) AS total_ms";

    private final ClickHouseClient client;

    ClickHouseStatsReader(ClickHouseClient client) {
        this.client = Objects.requireNonNull(client);
    }

    @Override
    public MetricValues overview(StatsQuery query) {
        BoundSql sql = new BoundSql().add("WITH ");
        filteredEvents(sql, query);
        sql.add("\nSELECT " + TOTALS + " FROM (SELECT session_id, " + SESSION_AGGREGATES + " FROM e GROUP BY session_id)");
        return query(sql, rows -> {
            rows.next();
            return metrics(rows, 1);
        });
    }

    @Override
    public List<TimeseriesPoint> timeseries(StatsQuery query, Interval interval) {
        Objects.requireNonNull(interval, "interval");
        BoundSql sql = new BoundSql().add("WITH ");
        filteredEvents(sql, query);
        String zone = zoneParameter(sql, query);
        // Event metrics by the event's bucket; session metrics by the bucket where the session starts.
        sql.add("\nSELECT toString(by_event.bucket), by_event.visitors, by_event.pageviews, by_event.events,"
                        + " by_start.sessions, by_start.bounced, by_start.total_ms FROM (SELECT ")
                .add(bucket("timestamp", interval, zone))
                .add(" AS bucket, uniqExact(visitor_id) AS visitors, countIf(type = 'page') AS pageviews, count() AS events"
                        + " FROM e GROUP BY bucket) AS by_event LEFT JOIN (SELECT ")
                .add(bucket("started", interval, zone))
                .add(" AS bucket, " + TOTALS + " FROM (SELECT session_id, " + SESSION_AGGREGATES
                        + " FROM e GROUP BY session_id) GROUP BY bucket) AS by_start ON by_event.bucket = by_start.bucket"
                        + " ORDER BY by_event.bucket");
        return query(sql, rows -> {
            List<TimeseriesPoint> points = new ArrayList<>();
            while (rows.next()) {
                points.add(new TimeseriesPoint(localTime(rows.getString(1)), MetricMath.from(rows.getLong(2),
                        rows.getLong(3), rows.getLong(4), rows.getLong(5), rows.getLong(6), rows.getLong(7) / 1000.0)));
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
        BoundSql sql = new BoundSql().add("WITH ");
        filteredEvents(sql, query);
        String value;
        String from;
        if (kind.isSessionLevel()) {
            sql.add(",\nsession_pages AS (" + SESSION_PAGES.formatted("e") + ")");
            value = kind == DimensionKind.ENTRY_PAGE ? "session_pages.entry_page" : "session_pages.exit_page";
            from = "e INNER JOIN session_pages ON e.session_id = session_pages.session_id";
        } else {
            value = eventValue(sql, dimension);
            from = "e";
        }
        sql.add(",\nx AS (SELECT * FROM (SELECT CAST(" + value + " AS Nullable(String)) AS value, e.visitor_id AS visitor_id,"
                        + " e.session_id AS session_id, e.type AS type, e.timestamp AS timestamp FROM " + from + ")"
                        + " WHERE " + rowsKept(kind) + ")")
                .add("\nSELECT value, " + TOTALS + " FROM (SELECT value, session_id, " + SESSION_AGGREGATES
                        + " FROM x GROUP BY value, session_id) GROUP BY value"
                        + " ORDER BY visitors DESC, events DESC, value ASC NULLS LAST LIMIT ")
                .integer("UInt32", limit);
        return query(sql, rows -> {
            List<BreakdownRow> result = new ArrayList<>();
            while (rows.next()) {
                result.add(new BreakdownRow(rows.getString(1), metrics(rows, 2)));
            }
            return result;
        });
    }

    /**
     * Which events of a breakdown form rows: {@code page} counts page events, {@code event} track events;
     * for those, properties and entry/exit pages, events without a value are left out. Other dimensions
     * keep a row for "no value".
     */
    private static String rowsKept(DimensionKind kind) {
        switch (kind) {
            case PAGE:
                return "type = 'page' AND value IS NOT NULL";
            case EVENT:
                return "type = 'track' AND value IS NOT NULL";
            case PROPERTY:
            case ENTRY_PAGE:
            case EXIT_PAGE:
                return "value IS NOT NULL";
            default:
                return "1";
        }
    }

    /**
     * As the DuckDB reader (not windowFunnel(), which tries every step-1 event as a start and so differs from
     * "within the window of the first step-1 event"): {@code step1} holds each visitor's first step-1 event,
     * {@code stepK} the earliest step-K event after the step K-1 one and at most the window after the start.
     */
    @Override
    public List<Long> funnel(StatsQuery query, FunnelDefinition funnel) {
        Objects.requireNonNull(funnel, "funnel");
        List<FunnelStep> steps = funnel.steps();
        BoundSql sql = new BoundSql().add("WITH ");
        filteredEvents(sql, query);
        String window = sql.parameter("Int64", Long.toString(funnel.window().toMillis()));
        sql.add(",\nstep1 AS (SELECT visitor_id, min(timestamp) AS started, min(timestamp) AS reached1 FROM e WHERE ");
        stepMatches(sql, steps.get(0));
        sql.add(" GROUP BY visitor_id)");
        for (int k = 2; k <= steps.size(); k++) {
            sql.add(",\nstep" + k + " AS (SELECT p.visitor_id AS visitor_id, p.started AS started, min(e.timestamp) AS reached" + k
                    + " FROM step" + (k - 1) + " AS p INNER JOIN e ON e.visitor_id = p.visitor_id WHERE e.timestamp > p.reached" + (k - 1)
                    + " AND toUnixTimestamp64Milli(e.timestamp) <= toUnixTimestamp64Milli(p.started) + " + window + " AND ");
            stepMatches(sql, steps.get(k - 1));
            sql.add(" GROUP BY p.visitor_id, p.started)");
        }
        sql.add("\nSELECT ");
        for (int k = 1; k <= steps.size(); k++) {
            sql.add((k == 1 ? "" : ", ") + "(SELECT count() FROM step" + k + ")");
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
    private static void stepMatches(BoundSql sql, FunnelStep step) {
        sql.add(step.kind() == FunnelStep.Kind.PAGE ? "(e.type = 'page' AND e.path = " : "(e.type = 'track' AND e.event_name = ")
                .text(step.value()).add(")");
    }

    @Override
    public List<CohortActivity> retention(StatsQuery query, Interval period) {
        Objects.requireNonNull(period, "period");
        BoundSql sql = new BoundSql().add("WITH ");
        filteredEvents(sql, query);
        String zone = zoneParameter(sql, query);
        sql.add(",\nvisits AS (SELECT visitor_id, ").add(bucket("timestamp", period, zone))
                .add(" AS period FROM e GROUP BY visitor_id, period)")
                // the period of a visitor's first event is their earliest period with events
                .add(",\ncohorts AS (SELECT visitor_id, min(period) AS cohort FROM visits GROUP BY visitor_id)")
                .add("\nSELECT toString(c.cohort), toString(v.period), count() FROM cohorts AS c"
                        + " INNER JOIN visits AS v ON c.visitor_id = v.visitor_id GROUP BY c.cohort, v.period ORDER BY c.cohort, v.period");
        return query(sql, rows -> {
            List<CohortActivity> activity = new ArrayList<>();
            while (rows.next()) {
                activity.add(new CohortActivity(localTime(rows.getString(1)), localTime(rows.getString(2)), rows.getLong(3)));
            }
            return activity;
        });
    }

    /** Copies of a message are folded as in {@link #filteredEvents}: the first written decides. */
    @Override
    public List<LatestEvent> latestEvents(String source, Instant since, int limit) {
        if (limit < 1) {
            return List.of();
        }
        BoundSql sql = new BoundSql().add("SELECT toUnixTimestamp64Milli(timestamp), toString(type), toString(event_name), name, path,"
                        + " toString(country), toString(device) FROM (SELECT message_id, type, event_name, name, path, country, device,"
                        + " timestamp, is_bot FROM events WHERE source = ").text(source)
                .add(" AND timestamp >= ").time(since.minus(DEDUPLICATION_MARGIN))
                .add(" ORDER BY message_id, keep_rank DESC LIMIT 1 BY message_id) WHERE timestamp >= ").time(since)
                .add(" AND NOT is_bot ORDER BY timestamp DESC, message_id DESC LIMIT ").integer("UInt32", limit);
        return query(sql, rows -> {
            List<LatestEvent> events = new ArrayList<>();
            while (rows.next()) {
                events.add(LatestEvent.of(Instant.ofEpochMilli(rows.getLong(1)), rows.getString(2), rows.getString(3),
                        rows.getString(4), rows.getString(5), rows.getString(6), rows.getString(7)));
            }
            return events;
        });
    }

    @Override
    public long visitorsSince(String source, Instant since) {
        // Copies of a message share their visitor: no deduplication needed for distinct visitors.
        BoundSql sql = new BoundSql().add("SELECT uniqExact(visitor_id) FROM events WHERE source = ").text(source)
                .add(" AND timestamp >= ").time(since).add(" AND NOT is_bot");
        return query(sql, rows -> {
            rows.next();
            return rows.getLong(1);
        });
    }

    @Override
    public List<String> sources() {
        return query(new BoundSql().add("SELECT DISTINCT toString(source) AS name FROM events ORDER BY name"), rows -> {
            List<String> sources = new ArrayList<>();
            while (rows.next()) {
                sources.add(rows.getString(1));
            }
            return sources;
        });
    }

    /**
     * Appends the CTEs {@code e0} (the source's events near the range, one copy per message: the first
     * written; then those in range, not bots, passing the event-level filters) and {@code e} (of those,
     * the events of sessions whose entry/exit page passes those filters).
     *
     * <p>Cost of the exact count: {@code ORDER BY message_id, keep_rank DESC LIMIT 1 BY message_id} sorts
     * the range's rows of the read columns once per query (memory and time grow with the range's row
     * count, not with the table). {@code FINAL} would be cheaper but folds only copies with the same
     * sorting key, and a retry's key differs when its corrected timestamp falls on another day.
     */
    static void filteredEvents(BoundSql sql, StatsQuery query) {
        sql.add("e0 AS (SELECT * FROM (SELECT " + READ_COLUMNS + " FROM events WHERE source = ").text(query.source())
                .add(" AND timestamp >= ").time(query.from().minus(DEDUPLICATION_MARGIN))
                .add(" AND timestamp < ").time(query.to().plus(DEDUPLICATION_MARGIN))
                .add(" ORDER BY message_id, keep_rank DESC LIMIT 1 BY message_id)")
                .add(" WHERE timestamp >= ").time(query.from())
                .add(" AND timestamp < ").time(query.to())
                .add(" AND NOT is_bot");
        List<Filter> sessionFilters = new ArrayList<>();
        for (Filter filter : query.filters()) {
            if (filter.dimension().kind().isSessionLevel()) {
                sessionFilters.add(filter);
            } else {
                sql.add(" AND ");
                condition(sql, eventValue(sql, filter.dimension()), filter);
            }
        }
        sql.add(")");
        if (sessionFilters.isEmpty()) {
            sql.add(",\ne AS (SELECT * FROM e0)");
            return;
        }
        sql.add(",\nfiltered_session_pages AS (" + SESSION_PAGES.formatted("e0") + ")")
                .add(",\ne AS (SELECT * FROM e0 WHERE session_id IN (SELECT session_id FROM filtered_session_pages WHERE 1");
        for (Filter filter : sessionFilters) {
            sql.add(" AND ");
            condition(sql, filter.dimension().kind() == DimensionKind.ENTRY_PAGE ? "entry_page" : "exit_page", filter);
        }
        sql.add("))");
    }

    /**
     * The SQL expression of an event-level dimension. A property's value as text: a JSON string as is,
     * anything else (number, boolean, object) as its JSON text; an empty string counts as no value.
     */
    static String eventValue(BoundSql sql, Dimension dimension) {
        if (dimension.kind() == DimensionKind.PROPERTY) {
            String key = sql.parameter("String", dimension.propertyKey());
            return "nullIf(multiIf(JSONType(properties, " + key + ") = 'String', JSONExtractString(properties, " + key + "),"
                    + " JSONType(properties, " + key + ") = 'Null', '', JSONExtractRaw(properties, " + key + ")), '')";
        }
        String column = EVENT_COLUMNS.get(dimension.kind());
        if (column == null) {
            throw new IllegalArgumentException(dimension.wireName() + " is not an event-level dimension");
        }
        return column;
    }

    /**
     * A filter as a boolean expression over {@code value}. {@code ==}: equals one of the values, an empty
     * value matching no value; {@code !=}: equals none of them, no value matching unless an empty value
     * is listed; {@code =~}: contains one of them, ignoring case (never matches no value).
     */
    static void condition(BoundSql sql, String value, Filter filter) {
        List<String> present = filter.values().stream().filter(v -> !v.isEmpty()).toList();
        boolean emptyListed = present.size() < filter.values().size();
        sql.add("(");
        switch (filter.operator()) {
            case IS:
                if (!present.isEmpty()) {
                    sql.add("(" + value + " IN (");
                    list(sql, present);
                    sql.add("))");
                }
                if (emptyListed) {
                    sql.add((present.isEmpty() ? "" : " OR ") + "(" + value + " IS NULL OR " + value + " = '')");
                }
                break;
            case IS_NOT:
                sql.add(emptyListed ? "(" + value + " IS NOT NULL AND " + value + " != '')" : "(" + value + " IS NULL)");
                if (!present.isEmpty()) {
                    // Without an empty value: no value OR not listed; with one: a value AND not listed.
                    sql.add((emptyListed ? " AND " : " OR ") + "(" + value + " NOT IN (");
                    list(sql, present);
                    sql.add("))");
                }
                break;
            case CONTAINS:
                if (present.isEmpty()) {
                    sql.add("0");
                }
                for (int i = 0; i < present.size(); i++) {
                    sql.add((i == 0 ? "" : " OR ") + "(position(lowerUTF8(" + value + "), lowerUTF8(").text(present.get(i)).add(")) > 0)");
                }
                break;
            default:
                throw new IllegalArgumentException("unknown operator " + filter.operator());
        }
        sql.add(")");
    }

    private static void list(BoundSql sql, List<String> values) {
        for (int i = 0; i < values.size(); i++) {
            if (i > 0) {
                sql.add(", ");
            }
            sql.text(values.get(i));
        }
    }

    /**
     * The zone for bucketing: an IANA zone by name for the server's toTimeZone; a fixed offset (which has
     * no IANA name) as seconds added to UTC. Returns the SQL that turns a UTC time into local time.
     */
    private static String zoneParameter(BoundSql sql, StatsQuery query) {
        if (query.zone() instanceof ZoneOffset) {
            String seconds = sql.parameter("Int32", Integer.toString(((ZoneOffset) query.zone()).getTotalSeconds()));
            return "toTimeZone(addSeconds(%s, " + seconds + "), 'UTC')";
        }
        return "toTimeZone(%s, " + sql.parameter("String", query.zone().getId()) + ")";
    }

    /** Bucket start in local time; weeks start on Monday (mode 1), as in {@link Interval}. */
    private static String bucket(String column, Interval interval, String zone) {
        String local = zone.formatted(column);
        switch (interval) {
            case HOUR:
                return "toStartOfHour(" + local + ")";
            case DAY:
                return "toStartOfDay(" + local + ")";
            case WEEK:
                return "toStartOfWeek(" + local + ", 1)";
            case MONTH:
                return "toStartOfMonth(" + local + ")";
            default:
                throw new IllegalArgumentException("unknown interval " + interval);
        }
    }

    /** A bucket start as the server prints it: a date, or a date and time (perhaps with fractions). */
    private static LocalDateTime localTime(String text) {
        if (text.length() <= 10) {
            return LocalDate.parse(text).atStartOfDay();
        }
        return LocalDateTime.parse(text.substring(0, 19).replace(' ', 'T'));
    }

    /** Reads visitors, pageviews, events, sessions, bounced, length in ms from {@code first} on. */
    private static MetricValues metrics(ResultSet rows, int first) throws SQLException {
        return MetricMath.from(rows.getLong(first), rows.getLong(first + 1), rows.getLong(first + 2),
                rows.getLong(first + 3), rows.getLong(first + 4), rows.getLong(first + 5) / 1000.0);
    }

    private <T> T query(BoundSql sql, ClickHouseClient.RowsReader<T> reader) {
        try {
            return client.query(sql, reader);
        } catch (SQLException e) {
            throw new StoreUnavailableException("ClickHouse did not answer a stats query: " + e.getMessage(), e);
        }
    }
}
