package app.tax.analytics.querymodel;

import app.tax.analytics.domain.stats.Dimension;
import app.tax.analytics.domain.stats.DimensionKind;
import app.tax.analytics.domain.stats.Filter;
import app.tax.analytics.domain.stats.Freshness;
import app.tax.analytics.domain.stats.FunnelDefinition;
import app.tax.analytics.domain.stats.FunnelStep;
import app.tax.analytics.domain.stats.Interval;
import app.tax.analytics.domain.stats.StatsQuery;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.time.zone.ZoneOffsetTransition;
import java.time.zone.ZoneRules;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The stats queries of docs/STATS.md, written once for every SQL store; the {@link Dialect} supplies
 * what differs. Every query starts from the CTE {@code e}: the source's non-bot events in range, each
 * message once, passing the filters, with only the columns the query reads. Sessions are grouped from
 * {@code e}, so filters shape them too; the metrics are totals over per-session aggregates and visitors the
 * distinct visitors of the same events (counted directly where {@code e} is computed once, else merged from
 * per-session distinct states), so overview, timeseries and breakdown count the same way on every store.
 */
public final class StatsSql {
    /**
     * The columns of {@code e} every stats query reads; each query adds the few others it needs (a breakdown its
     * dimension's, a funnel the steps'), so the engine scans, and materializes, only those: the properties JSON,
     * URLs, user agents and traits are never read unless a filter or breakdown needs them.
     */
    private static final List<String> SESSION_COLUMNS = List.of("type", "visitor_id", "session_id", "\"timestamp\"");
    /** What the first and last view of a session are found by. */
    private static final List<String> VIEW_ORDER_COLUMNS = List.of("message_id", "path", "screen");
    /** What the base events are restricted by before the filters (and, on stores that fold copies, folded by). */
    private static final List<String> RESTRICTING_COLUMNS = List.of("source", "message_id", "\"timestamp\"", "is_bot", "type", "event_name");
    private static final String LATEST_COLUMNS = "source, message_id, \"timestamp\", type, event_name, name, screen, path, country, device, is_bot";
    /** A view: a web page's or a mobile app's screen (docs/STATS.md: a screen counts exactly like a page). */
    static final String VIEW = "type IN ('page', 'screen')";
    /** What a view shows: the page's path or the screen's name (entry and exit "pages" of a session). */
    static final String VIEW_LABEL = "CASE WHEN type = 'screen' THEN screen ELSE path END";
    static final String LABELLED_VIEW = "((type = 'page' AND path IS NOT NULL) OR (type = 'screen' AND screen IS NOT NULL))";
    /**
     * The identity map's table (docs/STATS.md, "Identity"), one row per link: {@code source, linked_id, user_id,
     * linked_at, message_id}; copies of a link (redeliveries) are harmless, since every read takes each id's
     * first link.
     */
    public static final String IDENTITIES = "identities";
    /** How many links an id is followed through to its person: the first link plus up to 3 alias hops. */
    public static final int MAX_LINKS = 4;
    /** The ids of the base events the visitor is resolved from. */
    private static final String IDENTITY_COLUMNS = "user_id, anonymous_id";
    /**
     * The person an event counts for: its own userId (followed through the map, so an aliased userId is the
     * later one), else the person its anonymousId is linked to, else its visitor id (anonymous or cookieless).
     * One lookup does both: an event's userId, when it has one, is the only id looked up.
     */
    private static final String PERSON = "coalesce(linked.person, base.user_id, base.visitor_id)";
    /** After a lookup join: each base event ({@code base}) with the person of its userId, or else of its anonymousId. */
    private static final String PERSON_JOIN = " persons AS linked ON linked.linked_id = coalesce(base.user_id, base.anonymous_id)";
    static final String ORDER_IN_SESSION = "(\"timestamp\", message_id)";
    /**
     * The reserved track name of the browser SDK's engagement reports (visible time, scroll depth): not an
     * interaction, so left out of every stats query (no session, bounce, event or goal of its own).
     */
    public static final String NON_INTERACTION_EVENT = "$engagement";
    /** The session counts of a part that holds only visitors. */
    private static final String NO_COUNTS = ", 0 AS pageviews, 0 AS events, 0 AS sessions, 0 AS bounced, 0 AS total_ms";
    /** The distinct persons of the session parts {@code sp}. */
    private static final String PART_VISITORS = "SELECT count(DISTINCT visitor_id) FROM sp";
    private static final int SECONDS_PER_HOUR = 3600;
    static final String INTERACTION = "NOT (type = 'track' AND event_name = '" + NON_INTERACTION_EVENT + "')";

    private final Dialect dialect;
    private final SqlFunctions functions;
    /** Per session (of a set of events): its pageviews, tracks, events, start and length. */
    private final String sessionCounts;
    /** {@link #sessionCounts} and the session's visitors (a distinct state). */
    private final String sessionAggregates;
    /** {@link #sessionCounts} of a session merged from its parts (of {@code sp}). */
    private final String mergedSessionCounts;
    /** {@link #sessionCounts} of a session that is one whole part (of {@code sp}). */
    private final String wholePartCounts;
    /** Over session counts: the counts MetricMath needs after visitors, in its order. */
    private final String countTotals;
    /** Over session aggregates: the counts MetricMath needs, in its order. */
    private final String totals;

    public StatsSql(Dialect dialect) {
        this.dialect = Objects.requireNonNull(dialect, "dialect");
        this.functions = dialect.functions();
        this.sessionCounts = countIf(VIEW) + " AS session_pageviews, "
                + countIf("type = 'track'") + " AS session_tracks, count(*) AS session_events,"
                + " min(\"timestamp\") AS started, "
                + epochMillis("max(\"timestamp\")") + " - " + epochMillis("min(\"timestamp\")") + " AS length_ms";
        this.mergedSessionCounts = "sum(views) AS session_pageviews, sum(tracks) AS session_tracks, sum(events) AS session_events,"
                + " min(first_at) AS started, " + epochMillis("max(last_at)") + " - " + epochMillis("min(first_at)") + " AS length_ms";
        this.wholePartCounts = "views AS session_pageviews, tracks AS session_tracks, events AS session_events, first_at AS started, "
                + epochMillis("last_at") + " - " + epochMillis("first_at") + " AS length_ms";
        this.sessionAggregates = distinctState("visitor_id") + " AS visitor_state, " + sessionCounts;
        this.countTotals = "coalesce(sum(session_pageviews), 0) AS pageviews,"
                + " coalesce(sum(session_events), 0) AS events, count(*) AS sessions, "
                + countIf("session_pageviews <= 1 AND session_tracks = 0") + " AS bounced,"
                + " coalesce(sum(length_ms), 0) AS total_ms";
        this.totals = distinctCount("visitor_state") + " AS visitors, " + countTotals;
    }

    public Dialect dialect() {
        return dialect;
    }

    private String countIf(String condition) {
        return functions.countIf().formatted(condition);
    }

    private String argMinIf(String value, String order, String condition) {
        return functions.argMinIf().formatted(value, order, condition);
    }

    private String argMaxIf(String value, String order, String condition) {
        return functions.argMaxIf().formatted(value, order, condition);
    }

    private String distinctState(String column) {
        return functions.distinctState().formatted(column);
    }

    private String distinctCount(String stateColumn) {
        return functions.distinctCount().formatted(stateColumn);
    }

    private String epochMillis(String expression) {
        return functions.epochMillis().formatted(expression);
    }

    private String localTime(String bucket) {
        return functions.localTime().formatted(bucket);
    }

    /**
     * visitors, pageviews, events, sessions, bounced, total_ms. Visitors are the distinct visitors of {@code e}: where
     * {@code e} is computed once, counted over it directly (cheaper than merging per-session states); elsewhere
     * merged from the sessions, so {@code e} is computed once there too.
     */
    public Sql overview(StatsQuery query) {
        if (fromParts(query)) {
            return sessionParts(query, List.of()).add("\nSELECT (" + PART_VISITORS + ") AS visitors, " + countTotals
                    + " FROM (" + sessionsOfParts("", "", "") + ") AS s");
        }
        Sql sql = filteredEvents(query);
        if (eComputedOnce()) {
            return sql.add("\nSELECT (" + allVisitors() + ") AS visitors, " + countTotals + " FROM (" + sessionsOf("e", "", sessionCounts) + ") AS s");
        }
        return sql.add("\nSELECT " + totals + " FROM (" + sessionsOf("e", "", sessionAggregates) + ") AS s");
    }

    /** Whether the engine computes the CTE {@code e} once per query (so reading it twice costs little). */
    private boolean eComputedOnce() {
        return !functions.materialized().isEmpty();
    }

    /** The distinct visitors of {@code e}: the denominator of conversion rates. */
    private static String allVisitors() {
        return "SELECT count(DISTINCT visitor_id) FROM e";
    }

    /** bucket, then the six counts of {@link #overview}; a session counts in the bucket where it starts. */
    public Sql timeseries(StatsQuery query, Interval interval) {
        Objects.requireNonNull(interval, "interval");
        Sql sql;
        if (fromParts(query) && hourAligned(query)) {
            // a part's events all lie in its hour, so in one bucket of any interval
            sql = sessionParts(query, List.of())
                    .add(",\nby_bucket AS (SELECT ").add(dialect.bucketStart("hour", interval, query))
                    .add(" AS bucket, count(DISTINCT visitor_id) AS visitors, sum(views) AS pageviews, sum(events) AS events FROM sp GROUP BY bucket)")
                    .add(",\nsessions_by_bucket AS (SELECT ").add(dialect.bucketStart("started", interval, query))
                    .add(" AS bucket, " + countTotals + " FROM (" + sessionsOfParts("", "", "") + ") AS s GROUP BY bucket)");
        } else {
            sql = filteredEvents(query)
                    .add(",\nby_bucket AS (SELECT ").add(dialect.bucketStart("\"timestamp\"", interval, query))
                    .add(" AS bucket, count(DISTINCT visitor_id) AS visitors, " + countIf(VIEW)
                            + " AS pageviews, count(*) AS events FROM e GROUP BY bucket)")
                    .add(",\nsessions_by_bucket AS (SELECT ").add(dialect.bucketStart("started", interval, query))
                    .add(" AS bucket, " + countTotals + " FROM (" + sessionsOf("e", "", sessionCounts) + ") AS s GROUP BY bucket)");
        }
        return sql.add("\nSELECT " + localTime("b.bucket") + ", b.visitors, b.pageviews, b.events,"
                + " coalesce(s.sessions, 0), coalesce(s.bounced, 0), coalesce(s.total_ms, 0)"
                + " FROM by_bucket AS b LEFT JOIN sessions_by_bucket AS s ON b.bucket = s.bucket ORDER BY b.bucket");
    }

    /**
     * Whether every bucket boundary of the query's zone in its range is a whole UTC hour: its offsets and
     * the instants they change at are whole hours (true of nearly every zone; not of India's or Nepal's).
     */
    static boolean hourAligned(StatsQuery query) {
        ZoneRules rules = query.zone().getRules();
        Instant start = query.from().truncatedTo(ChronoUnit.HOURS);
        if (rules.getOffset(start).getTotalSeconds() % SECONDS_PER_HOUR != 0) {
            return false;
        }
        for (ZoneOffsetTransition change = rules.nextTransition(start); change != null && change.getInstant().isBefore(query.to());
                change = rules.nextTransition(change.getInstant())) {
            if (change.getInstant().getEpochSecond() % SECONDS_PER_HOUR != 0 || change.getOffsetAfter().getTotalSeconds() % SECONDS_PER_HOUR != 0) {
                return false;
            }
        }
        return true;
    }

    /** value, then the six counts of {@link #overview}: the {@code limit} values with most visitors. */
    public Sql breakdown(StatsQuery query, Dimension dimension, int limit) {
        return breakdown(query, dimension, limit, false);
    }

    /**
     * {@link #breakdown}, each row also carrying (last) the distinct visitors of the whole range, for conversion
     * rates: one query instead of a breakdown and an overview.
     */
    public Sql breakdownWithAllVisitors(StatsQuery query, Dimension dimension, int limit) {
        return breakdown(query, dimension, limit, true);
    }

    private Sql breakdown(StatsQuery query, Dimension dimension, int limit, boolean withAllVisitors) {
        Objects.requireNonNull(dimension, "dimension");
        DimensionKind kind = dimension.kind();
        if (fromParts(query) && (kind.isSessionLevel() || SessionParts.keeps(kind))) {
            return breakdownFromParts(query, dimension, limit, withAllVisitors);
        }
        String allVisitors = withAllVisitors ? ", (" + allVisitors() + ") AS all_visitors" : "";
        Sql sql = filteredEvents(query, kind.isSessionLevel() ? VIEW_ORDER_COLUMNS : List.of(valueColumn(dimension)));
        if (!eComputedOnce()) {
            // Visitors merged from per-session states: e (inlined by the engine) is read once.
            if (kind.isSessionLevel()) {
                // The value is the session's own: one grouping gives both the page and the session's counts.
                sql.add(",\nx AS (SELECT session_id, ").add(dialect.asText(new Sql().add(sessionPage(kind))))
                        .add(" AS value, " + sessionAggregates + " FROM e GROUP BY session_id)")
                        .add("\nSELECT value, " + totals + allVisitors + " FROM x WHERE value IS NOT NULL GROUP BY value");
            } else {
                sql.add(",\nx AS (").add(valuedEvents(dimension)).add(")")
                        .add("\nSELECT value, " + totals + allVisitors + " FROM (" + sessionsOf("x", "value, ", sessionAggregates) + ") AS s GROUP BY value");
            }
        } else {
            // Visitors counted distinct per value, apart from the session counts (cheaper than merging lists of ids).
            String visitorsByValue;
            String countsByValue;
            if (kind.isSessionLevel()) {
                sql.add(",\nx AS " + functions.materialized() + "(SELECT session_id, ").add(dialect.asText(new Sql().add(sessionPage(kind))))
                        .add(" AS value, " + sessionCounts + " FROM e GROUP BY session_id)");
                visitorsByValue = "SELECT x.value AS value, count(DISTINCT e.visitor_id) AS visitors" + NO_COUNTS
                        + " FROM x INNER JOIN e ON e.session_id = x.session_id WHERE x.value IS NOT NULL GROUP BY x.value";
                countsByValue = "SELECT value, 0 AS visitors, " + countTotals + " FROM x WHERE value IS NOT NULL GROUP BY value";
            } else {
                // Not materialized: x is a filter and projection of e, and DuckDB 2.0 reads it twice faster than it stores it once
                // (page breakdown at 10 M rows 3.6 → 2.5 s).
                sql.add(",\nx AS (").add(valuedEvents(dimension)).add(")");
                visitorsByValue = "SELECT value, count(DISTINCT visitor_id) AS visitors" + NO_COUNTS + " FROM x GROUP BY value";
                countsByValue = "SELECT value, 0 AS visitors, " + countTotals + " FROM (" + sessionsOf("x", "value, ", sessionCounts)
                        + ") AS s GROUP BY value";
            }
            sql.add(mergedByValue(visitorsByValue, countsByValue, allVisitors));
        }
        return sql.add(" ORDER BY visitors DESC, events DESC, value ASC NULLS LAST LIMIT ").limit(limit);
    }

    /** The final select of a breakdown whose visitors and session counts per value are counted apart. */
    private static String mergedByValue(String visitorsByValue, String countsByValue, String allVisitors) {
        return "\nSELECT value, sum(visitors) AS visitors, sum(pageviews) AS pageviews, sum(events) AS events, sum(sessions) AS sessions,"
                + " sum(bounced) AS bounced, sum(total_ms) AS total_ms" + allVisitors + " FROM (" + visitorsByValue + " UNION ALL "
                + countsByValue + ") AS parts GROUP BY value";
    }

    /**
     * {@link #breakdown} from session parts: a part dimension's value is a key of its parts; an entry or exit
     * page the first or last labelled view over the session's parts.
     */
    private Sql breakdownFromParts(StatsQuery query, Dimension dimension, int limit, boolean withAllVisitors) {
        DimensionKind kind = dimension.kind();
        String allVisitors = withAllVisitors ? ", (" + PART_VISITORS + ") AS all_visitors" : "";
        String visitorsByValue;
        String countsByValue;
        Sql sql;
        if (kind.isSessionLevel()) {
            boolean entry = kind == DimensionKind.ENTRY_PAGE;
            String page = entry
                    ? argMinIf("entry_view", "(entry_at, entry_id)", "entry_at IS NOT NULL")
                    : argMaxIf("exit_view", "(exit_at, exit_id)", "exit_at IS NOT NULL");
            String wholePage = entry ? "CASE WHEN entry_at IS NOT NULL THEN entry_view END" : "CASE WHEN exit_at IS NOT NULL THEN exit_view END";
            List<String> counts = new ArrayList<>(SessionParts.SESSION_COUNT_COLUMNS);
            counts.addAll(entry ? SessionParts.ENTRY_COLUMNS : SessionParts.EXIT_COLUMNS);
            sql = sessionParts(query, List.of(), counts).add(",\nx AS " + functions.materialized() + "("
                    + sessionsOfParts(wholePage + " AS value, ", page + " AS value, ", "") + ")");
            visitorsByValue = "SELECT x.value AS value, count(DISTINCT sp.visitor_id) AS visitors" + NO_COUNTS
                    + " FROM x INNER JOIN sp ON sp.session_id = x.session_id WHERE x.value IS NOT NULL GROUP BY x.value";
            countsByValue = "SELECT value, 0 AS visitors, " + countTotals + " FROM x WHERE value IS NOT NULL GROUP BY value";
        } else {
            String column = valueColumn(dimension);
            String value = dialect.asText(new Sql().add(column)).render(dialect);
            sql = sessionParts(query, List.of(column));
            visitorsByValue = "SELECT " + value + " AS value, count(DISTINCT visitor_id) AS visitors" + NO_COUNTS + " FROM sp GROUP BY value";
            countsByValue = "SELECT value, 0 AS visitors, " + countTotals + " FROM (" + sessionsOfParts(value + " AS value, ", value + " AS value, ", "value, ")
                    + ") AS s GROUP BY value";
        }
        return sql.add(mergedByValue(visitorsByValue, countsByValue, allVisitors))
                .add(" ORDER BY visitors DESC, events DESC, value ASC NULLS LAST LIMIT ").limit(limit);
    }

    /**
     * Per session of {@code sp} (and per {@code groupedBy} keys, if any): {@code wholeKeys} or {@code mergedKeys}
     * (selected before the session id: the keys grouped by, or aggregates), then its counts. A whole part is its
     * session's only one (see {@link SessionParts#ONLY_PART}), so only the other parts are grouped: most sessions
     * are one part.
     */
    private String sessionsOfParts(String wholeKeys, String mergedKeys, String groupedBy) {
        return "SELECT " + wholeKeys + "session_id, " + wholePartCounts + " FROM sp WHERE whole UNION ALL SELECT " + mergedKeys + "session_id, "
                + mergedSessionCounts + " FROM sp WHERE NOT whole GROUP BY " + groupedBy + "session_id";
    }

    /** Whether the store keeps session parts and every filter of the query is on a dimension they are keyed by. */
    private boolean fromParts(StatsQuery query) {
        return dialect.sessionPartsHour().isPresent()
                && query.filters().stream().allMatch(filter -> SessionParts.keeps(filter.dimension().kind()));
    }

    /**
     * {@code WITH} the CTEs of {@link #persons}, {@code parts} (the query's session parts with the key columns
     * {@code columns} besides the ids: the range's whole UTC hours from the table, its partial first and last
     * hour aggregated from the events the same way, both passing the filters) and {@code sp} (each part with
     * the person its events count for as its {@code visitor_id}).
     */
    private Sql sessionParts(StatsQuery query, List<String> columns) {
        return sessionParts(query, columns, SessionParts.SESSION_COUNT_COLUMNS);
    }

    /** {@link #sessionParts(StatsQuery, List)} carrying the part counts {@code counts} (fewer columns, less to materialize). */
    private Sql sessionParts(StatsQuery query, List<String> columns, List<String> counts) {
        String hour = dialect.sessionPartsHour().orElseThrow();
        Instant wholeFrom = query.from().truncatedTo(ChronoUnit.HOURS);
        if (wholeFrom.isBefore(query.from())) {
            wholeFrom = wholeFrom.plus(Duration.ofHours(1));
        }
        Instant wholeTo = query.to().truncatedTo(ChronoUnit.HOURS);
        if (!wholeFrom.isBefore(wholeTo)) {
            // no whole hour: the events give all of it
            wholeFrom = query.to();
            wholeTo = query.to();
        }
        List<String> keys = new ArrayList<>(SessionParts.ID_COLUMNS);
        keys.addAll(columns);
        String keyList = String.join(", ", keys);
        Sql sql = persons(query.source()).add(",\nparts AS (SELECT hour, " + keyList + ", " + String.join(", ", counts)
                        + ", ").add(SessionParts.wholePart(query.source())).add(" AS whole FROM " + SessionParts.TABLE + " WHERE source = ").text(query.source())
                .add(" AND hour >= ").time(wholeFrom).add(" AND hour < ").time(wholeTo).add(partFilters(query))
                .add("\nUNION ALL SELECT " + hour.formatted("\"timestamp\"") + " AS hour, " + keyList + ", " + SessionParts.countsOfEvents(functions, counts)
                        + ", false AS whole FROM ")
                .add(dialect.baseEvents(String.join(", ", SessionParts.eventColumns()), query.source(), query.from(), query.to()))
                .add(" AS base WHERE source = ").text(query.source())
                .add(" AND ((\"timestamp\" >= ").time(query.from()).add(" AND \"timestamp\" < ").time(wholeFrom)
                .add(") OR (\"timestamp\" >= ").time(wholeTo).add(" AND \"timestamp\" < ").time(query.to())
                .add(")) AND NOT is_bot AND " + INTERACTION).add(partFilters(query))
                .add(" GROUP BY " + hour.formatted("\"timestamp\"") + ", " + keyList + ")");
        List<String> carried = new ArrayList<>(List.of("base.hour", "base.session_id"));
        columns.forEach(column -> carried.add("base." + column));
        counts.forEach(column -> carried.add("base." + column));
        carried.add("base.whole");
        return sql.add(",\nsp AS " + functions.materialized() + "(SELECT " + PERSON + " AS visitor_id, " + String.join(", ", carried)
                + " FROM parts AS base " + dialect.lookupJoin() + PERSON_JOIN + ")");
    }

    /** The query's filters (all on part dimensions) as {@code AND} conditions on the columns parts and events share. */
    private Sql partFilters(StatsQuery query) {
        Sql sql = new Sql();
        for (Filter filter : query.filters()) {
            sql.add(" AND ").add(condition(eventValue(filter.dimension()), filter));
        }
        return sql;
    }

    /** A session's entry or exit page (screen), by the aggregate over its events. */
    private String sessionPage(DimensionKind kind) {
        return kind == DimensionKind.ENTRY_PAGE
                ? argMinIf(VIEW_LABEL, ORDER_IN_SESSION, LABELLED_VIEW)
                : argMaxIf(VIEW_LABEL, ORDER_IN_SESSION, LABELLED_VIEW);
    }

    /** The events of {@code e} that form a breakdown's rows, each with its {@code value}. */
    private Sql valuedEvents(Dimension dimension) {
        return new Sql().add("SELECT * FROM (SELECT ").add(dialect.asText(eventValue(dimension)))
                .add(" AS value, visitor_id, session_id, type, \"timestamp\" FROM e) AS v WHERE " + rowsKept(dimension.kind()));
    }

    /**
     * Which events of a breakdown form rows: {@code page} counts page events, {@code event} track
     * events; for those and properties, events without a value are left out (as are sessions without
     * a page from entry/exit page rows). Other dimensions keep a row for "no value".
     */
    private static String rowsKept(DimensionKind kind) {
        return switch (kind) {
            case PAGE -> "type = 'page' AND value IS NOT NULL";
            case EVENT -> "type = 'track' AND value IS NOT NULL";
            case SCREEN -> "type = 'screen' AND value IS NOT NULL";
            case PROPERTY -> "value IS NOT NULL";
            default -> "true";
        };
    }

    /**
     * One CTE per step: {@code step1} holds each visitor's first step-1 event ({@code started}); {@code stepK}
     * the same visitors, each with their earliest step-K event ({@code reachedK}) after the step K-1 one and at
     * most the window after {@code started}, NULL when there is none (or no step K-1). Greedy earliest matches
     * find an ordered path whenever there is one (unlike ClickHouse's windowFunnel(), which tries every step-1
     * event as a start). The counts are read from the last step alone, so an engine that inlines CTEs (ClickHouse)
     * computes the chain, and {@code e}, once per step rather than once per step of every count.
     */
    public Sql funnel(StatsQuery query, FunnelDefinition funnel) {
        Objects.requireNonNull(funnel, "funnel");
        List<FunnelStep> steps = funnel.steps();
        List<String> stepColumns = steps.stream().map(step -> switch (step.kind()) {
            case PAGE -> "path";
            case SCREEN -> "screen";
            case EVENT -> "event_name";
        }).distinct().toList();
        Sql sql = filteredEvents(query, stepColumns)
                .add(",\nstep1 AS (SELECT visitor_id, min(\"timestamp\") AS started, min(\"timestamp\") AS reached1 FROM e WHERE ")
                .add(stepMatches(steps.get(0))).add(" GROUP BY visitor_id)");
        StringBuilder reached = new StringBuilder("p.reached1");
        for (int k = 2; k <= steps.size(); k++) {
            sql.add(",\nstep" + k + " AS (SELECT p.visitor_id AS visitor_id, p.started AS started, " + carried(k) + "min(CASE WHEN m.\"timestamp\" > p.reached"
                            + (k - 1) + " AND " + epochMillis("m.\"timestamp\"") + " <= " + epochMillis("p.started") + " + ")
                    .int64(funnel.window().toMillis())
                    .add(" THEN m.\"timestamp\" END) AS reached" + k + " FROM step" + (k - 1) + " AS p LEFT JOIN (SELECT visitor_id, \"timestamp\" FROM e WHERE ")
                    .add(stepMatches(steps.get(k - 1))).add(") AS m ON m.visitor_id = p.visitor_id GROUP BY p.visitor_id, p.started, " + reached + ")");
            reached.append(", p.reached").append(k);
        }
        sql.add("\nSELECT count(*)");
        for (int k = 2; k <= steps.size(); k++) {
            sql.add(", count(reached" + k + ")");
        }
        return sql.add(" FROM step" + steps.size());
    }

    /** The reach times of the steps before {@code k} (from {@code p}), each followed by a comma. */
    private static String carried(int k) {
        StringBuilder columns = new StringBuilder();
        for (int step = 1; step < k; step++) {
            columns.append("p.reached").append(step).append(" AS reached").append(step).append(", ");
        }
        return columns.toString();
    }

    /** Whether an event of {@code e} is the step: a pageview of its path, a screen of its name or a track event of its name. */
    private static Sql stepMatches(FunnelStep step) {
        String match = switch (step.kind()) {
            case PAGE -> "(e.type = 'page' AND e.path = ";
            case SCREEN -> "(e.type = 'screen' AND e.screen = ";
            case EVENT -> "(e.type = 'track' AND e.event_name = ";
        };
        return new Sql().add(match).text(step.value()).add(")");
    }

    /** cohort, period, visitors: per cohort (period of a visitor's first event) and period with events. */
    public Sql retention(StatsQuery query, Interval period) {
        Objects.requireNonNull(period, "period");
        return filteredEvents(query)
                .add(",\nvisits AS (SELECT visitor_id, ").add(dialect.bucketStart("\"timestamp\"", period, query))
                .add(" AS period FROM e GROUP BY visitor_id, period)")
                // the period of a visitor's first event is their earliest period with events
                .add(",\ncohorts AS (SELECT visitor_id, min(period) AS cohort FROM visits GROUP BY visitor_id)")
                .add("\nSELECT " + localTime("c.cohort") + ", " + localTime("v.period")
                        + ", count(*) FROM cohorts AS c INNER JOIN visits AS v ON c.visitor_id = v.visitor_id"
                        + " GROUP BY c.cohort, v.period ORDER BY c.cohort, v.period");
    }

    /** events, late events: the query's events and those that arrived more than {@link Freshness#LATE_AFTER} after they happened. */
    public Sql lateEvents(StatsQuery query) {
        return filteredEvents(query, List.of("received_at")).add("\nSELECT count(*), " + countIf(epochMillis("received_at") + " - " + epochMillis("\"timestamp\"")
                + " > " + Freshness.LATE_AFTER.toMillis()) + " FROM e");
    }

    /**
     * events, delay: the number of the source's non-bot events received in {@code [now − window, now)} that
     * happened at most a window before that, and the nearest-rank 99th percentile of their delays
     * ({@code received_at − timestamp}, ms): the smallest delay whose rank r (ascending) has 100·r ≥ 99·n.
     * Integer arithmetic, so every store picks the same event.
     */
    public Sql recentDelays(String source, Instant now) {
        Instant receivedFrom = now.minus(Freshness.WINDOW);
        Instant happenedFrom = receivedFrom.minus(Freshness.WINDOW);
        String delay = epochMillis("received_at") + " - " + epochMillis("\"timestamp\"");
        return new Sql().add("WITH d AS (SELECT " + delay + " AS delay_ms FROM ")
                .add(dialect.baseEvents("source, message_id, \"timestamp\", received_at, is_bot", source, happenedFrom, null))
                .add(" AS b WHERE source = ").text(source).add(" AND \"timestamp\" >= ").time(happenedFrom)
                .add(" AND received_at >= ").time(receivedFrom).add(" AND received_at < ").time(now).add(" AND NOT is_bot)")
                .add(",\nranked AS (SELECT delay_ms, row_number() OVER (ORDER BY delay_ms) AS delay_rank, count(*) OVER () AS n FROM d)")
                .add("\nSELECT (SELECT count(*) FROM d), coalesce((SELECT min(delay_ms) FROM ranked WHERE delay_rank * 100 >= n * "
                        + Freshness.QUANTILE_PERCENT + "), 0)");
    }

    /** epoch ms, type, event name, name, path, country, device of the latest non-bot events. */
    public Sql latestEvents(String source, Instant since, int limit) {
        return new Sql().add("SELECT " + epochMillis("\"timestamp\"") + ", ").add(asText("type")).add(", ")
                .add(asText("event_name")).add(", CASE WHEN type = 'screen' THEN screen ELSE name END, path, ").add(asText("country")).add(", ").add(asText("device"))
                .add(" FROM ").add(dialect.baseEvents(LATEST_COLUMNS, source, since, null))
                .add(" AS b WHERE source = ").text(source).add(" AND \"timestamp\" >= ").time(since)
                .add(" AND NOT is_bot ORDER BY \"timestamp\" DESC, message_id DESC LIMIT ").limit(limit);
    }

    /** Copies of a message share their visitor: distinct visitors (persons) need no deduplication. */
    public Sql visitorsSince(String source, Instant since) {
        return persons(source).add("\nSELECT count(DISTINCT " + PERSON + ") FROM events AS base " + dialect.lookupJoin() + PERSON_JOIN
                + " WHERE source = ").text(source).add(" AND \"timestamp\" >= ").time(since).add(" AND NOT is_bot");
    }

    /**
     * {@code WITH} and the CTEs {@code links} (each id of the source's identity map with its first link:
     * earliest {@code linked_at}, then least message id) and {@code persons} (each linked id with the person
     * at the end of its chain, at most {@link #MAX_LINKS} links on). Small: one row per linked id.
     */
    private Sql persons(String source) {
        Sql sql = new Sql().add("WITH links AS " + functions.materialized() + "(SELECT linked_id, ")
                .add(dialect.asText(new Sql().add(argMinIf("user_id", "(linked_at, message_id)", "true"))))
                .add(" AS user_id FROM " + IDENTITIES + " WHERE source = ").text(source).add(" GROUP BY linked_id)");
        StringBuilder chain = new StringBuilder();
        StringBuilder joins = new StringBuilder();
        for (int hop = MAX_LINKS - 1; hop >= 0; hop--) {
            chain.append(hop == MAX_LINKS - 1 ? "" : ", ").append("l").append(hop).append(".user_id");
        }
        for (int hop = 1; hop < MAX_LINKS; hop++) {
            joins.append(' ').append(dialect.lookupJoin()).append(" links AS l").append(hop).append(" ON l").append(hop).append(".linked_id = l")
                    .append(hop - 1).append(".user_id");
        }
        return sql.add(",\npersons AS " + functions.materialized() + "(SELECT l0.linked_id AS linked_id, coalesce(" + chain + ") AS person FROM links AS l0"
                + joins + ")");
    }

    /** The columns of {@code e0}, the visitor being the person the event counts for. */
    private static String columnsWithPerson(Set<String> columns) {
        return columns.stream().map(column -> column.equals("visitor_id") ? PERSON + " AS visitor_id" : column)
                .collect(Collectors.joining(", "));
    }

    /** The column an event-level dimension's value is read from. */
    private static String valueColumn(Dimension dimension) {
        return dimension.kind() == DimensionKind.PROPERTY ? "properties" : EventFields.dimensionColumns().get(dimension.kind());
    }

    public Sql sources() {
        return new Sql().add("SELECT DISTINCT ").add(asText("source")).add(" AS name FROM events ORDER BY name");
    }

    private Sql asText(String column) {
        return dialect.asText(new Sql().add(column));
    }

    /** Groups {@code events} by session (after {@code keys}, e.g. {@code "value, "}) with {@code aggregates}. */
    private static String sessionsOf(String events, String keys, String aggregates) {
        return "SELECT " + keys + "session_id, " + aggregates + " FROM " + events + " GROUP BY " + keys + "session_id";
    }

    /** Per session of a set of events: the path (screen name) of its first and last view (ties: by message id). */
    private String sessionPages(String events) {
        return "SELECT session_id, " + argMinIf(VIEW_LABEL, ORDER_IN_SESSION, LABELLED_VIEW) + " AS entry_page, "
                + argMaxIf(VIEW_LABEL, ORDER_IN_SESSION, LABELLED_VIEW) + " AS exit_page FROM " + events + " GROUP BY session_id";
    }

    /**
     * {@code WITH} and the CTEs of {@link #persons}, {@code e0} (the base events in range, not bots, not the
     * non-interaction event, passing the event-level filters, each with the person it counts for as its
     * {@code visitor_id}: docs/STATS.md, "Identity") and {@code e} (of those, the events of sessions whose entry/exit page passes those filters).
     */
    public Sql filteredEvents(StatsQuery query) {
        return filteredEvents(query, List.of());
    }

    /** {@link #filteredEvents(StatsQuery)} with {@code columns} in {@code e} besides the type, visitor, session and time. */
    private Sql filteredEvents(StatsQuery query, List<String> columns) {
        Set<String> selected = new LinkedHashSet<>(SESSION_COLUMNS);
        selected.addAll(columns);
        Set<String> read = new LinkedHashSet<>(RESTRICTING_COLUMNS);
        for (Filter filter : query.filters()) {
            if (filter.dimension().kind().isSessionLevel()) {
                // filtered_session_pages finds each session's first and last view in e0
                selected.addAll(VIEW_ORDER_COLUMNS);
            } else {
                read.add(valueColumn(filter.dimension()));
            }
        }
        read.addAll(selected);
        read.addAll(Arrays.asList(IDENTITY_COLUMNS.split(", ")));
        Sql sql = persons(query.source()).add(",\ne0 AS (SELECT " + columnsWithPerson(selected) + " FROM ")
                .add(dialect.baseEvents(String.join(", ", read), query.source(), query.from(), query.to()))
                .add(" AS base " + dialect.lookupJoin() + PERSON_JOIN + " WHERE source = ").text(query.source()).add(" AND \"timestamp\" >= ").time(query.from())
                .add(" AND \"timestamp\" < ").time(query.to())
                .add(" AND NOT is_bot AND " + INTERACTION);
        List<Filter> sessionFilters = new ArrayList<>();
        for (Filter filter : query.filters()) {
            if (filter.dimension().kind().isSessionLevel()) {
                sessionFilters.add(filter);
            } else {
                sql.add(" AND ").add(condition(eventValue(filter.dimension()), filter));
            }
        }
        sql.add(")");
        if (sessionFilters.isEmpty()) {
            return sql.add(",\ne AS " + functions.materialized() + "(SELECT * FROM e0)");
        }
        sql.add(",\nfiltered_session_pages AS (" + sessionPages("e0") + ")")
                .add(",\ne AS " + functions.materialized() + "(SELECT * FROM e0 WHERE session_id IN (SELECT session_id FROM filtered_session_pages WHERE true");
        for (Filter filter : sessionFilters) {
            String column = filter.dimension().kind() == DimensionKind.ENTRY_PAGE ? "entry_page" : "exit_page";
            sql.add(" AND ").add(condition(new Sql().add(column), filter));
        }
        return sql.add("))");
    }

    /** The SQL expression of an event-level dimension: its column, or the property's value. */
    public Sql eventValue(Dimension dimension) {
        if (dimension.kind() == DimensionKind.PROPERTY) {
            return dialect.propertyValue(dimension.propertyKey());
        }
        String column = EventFields.dimensionColumns().get(dimension.kind());
        if (column == null) {
            throw new IllegalArgumentException(dimension.wireName() + " is not an event-level dimension");
        }
        return new Sql().add(column);
    }

    /**
     * A filter as a boolean expression over {@code value}. {@code ==}: equals one of the values, an
     * empty value matching no value; {@code !=}: equals none of them, no value matching unless an empty
     * value is listed; {@code =~}: contains one of them, ignoring case (never matches no value).
     */
    Sql condition(Sql value, Filter filter) {
        List<String> present = filter.values().stream().filter(v -> !v.isEmpty()).toList();
        boolean emptyListed = present.size() < filter.values().size();
        List<Sql> parts = new ArrayList<>();
        String separator = " OR ";
        switch (filter.operator()) {
            case IS -> {
                if (!present.isEmpty()) {
                    parts.add(new Sql().add(value).add(" IN (").texts(present).add(")"));
                }
                if (emptyListed) {
                    parts.add(new Sql().add(value).add(" IS NULL OR ").add(value).add(" = ''"));
                }
            }
            case IS_NOT -> {
                parts.add(emptyListed
                        ? new Sql().add(value).add(" IS NOT NULL AND ").add(value).add(" <> ''")
                        : new Sql().add(value).add(" IS NULL"));
                if (!present.isEmpty()) {
                    parts.add(new Sql().add(value).add(" NOT IN (").texts(present).add(")"));
                }
                // Without an empty value: no value OR not listed; with one: a value AND not listed.
                separator = emptyListed ? " AND " : " OR ";
            }
            case CONTAINS -> {
                for (String needle : present) {
                    parts.add(dialect.containsIgnoringCase(value, needle));
                }
                if (parts.isEmpty()) {
                    parts.add(new Sql().add("false"));
                }
            }
        }
        Sql sql = new Sql().add("(");
        for (int i = 0; i < parts.size(); i++) {
            sql.add(i == 0 ? "(" : separator + "(").add(parts.get(i)).add(")");
        }
        return sql.add(")");
    }
}
