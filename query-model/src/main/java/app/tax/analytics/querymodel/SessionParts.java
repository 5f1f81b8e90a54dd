package app.tax.analytics.querymodel;

import app.tax.analytics.domain.stats.DimensionKind;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The session rollup (docs/ARCHITECTURE.md, "Session parts"): per source, UTC hour, session, the ids a
 * person is resolved from and the values of the {@link #DIMENSIONS}, the counts of the non-bot interaction
 * events and the first and last view among them. A part holds events that agree on everything a
 * session-level stats query groups or filters by, so merging the parts of a range gives exactly what
 * grouping its events gives; the rows are about one per session instead of one per event. Stores that keep
 * it (a {@link Dialect#sessionPartsHour}) write it with the events; the stats queries read the whole hours
 * of a range from it and the partial hours at its edges from the events, aggregated the same way.
 */
public final class SessionParts {
    public static final String TABLE = "session_parts";
    /**
     * The event-level dimensions a part is keyed by: those that rarely change within a session, so keying by
     * them keeps about one part per session-hour. Pages, screens, events and properties change on every event
     * and are read from the events.
     */
    public static final Set<DimensionKind> DIMENSIONS = EnumSet.of(DimensionKind.HOSTNAME, DimensionKind.REFERRER,
            DimensionKind.CHANNEL, DimensionKind.UTM_SOURCE, DimensionKind.UTM_MEDIUM, DimensionKind.UTM_CAMPAIGN,
            DimensionKind.UTM_TERM, DimensionKind.UTM_CONTENT, DimensionKind.COUNTRY, DimensionKind.REGION,
            DimensionKind.CITY, DimensionKind.BROWSER, DimensionKind.OS, DimensionKind.OS_VERSION, DimensionKind.DEVICE,
            DimensionKind.APP_VERSION, DimensionKind.APP_BUILD, DimensionKind.DEVICE_MODEL,
            DimensionKind.DEVICE_MANUFACTURER, DimensionKind.NETWORK);
    /** The identity columns a part is keyed by after source and hour. */
    public static final List<String> ID_COLUMNS = List.of("session_id", "user_id", "anonymous_id", "visitor_id");
    /** The counts of a part, in table order after the key. */
    public static final List<String> COUNT_COLUMNS = List.of("views", "tracks", "events", "first_at", "last_at",
            "entry_view", "entry_at", "entry_id", "exit_view", "exit_at", "exit_id");

    /**
     * Whether a part is its session's only one in the table, set by the store when it merges parts and when
     * retention or an erasure removes some (false for rows appended since the last merge). A session with one
     * part needs no grouping, which is most of what reading parts costs.
     */
    public static final String ONLY_PART = "only_part";
    /** Whether a row is merged: false for rows appended since the store's last merge. */
    public static final String COMPACTED = "compacted";
    /**
     * Whether a part of {@code source} in the table is its session whole: its {@link #ONLY_PART}, unless rows
     * appended since its merge (not {@link #COMPACTED} yet) add to the same session. Uncorrelated (the appended rows
     * are few), which DuckDB runs as one hash lookup per part; false for a part without a session id.
     */
    static Sql wholePart(String source) {
        return new Sql().add("coalesce(" + ONLY_PART + " AND session_id NOT IN (SELECT session_id FROM " + TABLE + " WHERE source = ")
                .text(source).add(" AND NOT " + COMPACTED + " AND session_id IS NOT NULL), false)");
    }

    private static final String VIEW = StatsSql.VIEW;
    private static final String VIEW_LABEL = StatsSql.VIEW_LABEL;
    private static final String LABELLED_VIEW = StatsSql.LABELLED_VIEW;
    private static final String ORDER_IN_SESSION = StatsSql.ORDER_IN_SESSION;

    private SessionParts() {
    }

    /** The dimension columns of a part, in table order. */
    public static List<String> dimensionColumns() {
        Map<DimensionKind, String> columns = EventFields.dimensionColumns();
        return EventFields.ALL.stream().map(EventField::name)
                .filter(name -> columns.entrySet().stream().anyMatch(c -> c.getValue().equals(name) && DIMENSIONS.contains(c.getKey())))
                .toList();
    }

    /** What a part is keyed by, in table order: source, hour, {@link #ID_COLUMNS}, {@link #dimensionColumns}. */
    public static List<String> keyColumns() {
        List<String> key = new ArrayList<>(List.of("source", "hour"));
        key.addAll(ID_COLUMNS);
        key.addAll(dimensionColumns());
        return key;
    }

    /** The event columns the parts are aggregated from. */
    public static List<String> eventColumns() {
        Set<String> columns = new LinkedHashSet<>(List.of("source", "message_id", "type", "event_name", "\"timestamp\"", "is_bot", "path", "screen"));
        columns.addAll(ID_COLUMNS);
        columns.addAll(dimensionColumns());
        return List.copyOf(columns);
    }

    /** Whether a filter on {@code kind} can be answered from parts. */
    public static boolean keeps(DimensionKind kind) {
        return DIMENSIONS.contains(kind);
    }

    /** The counts every session-level query reads; the first or last view's are read by entry and exit pages only. */
    public static final List<String> SESSION_COUNT_COLUMNS = COUNT_COLUMNS.subList(0, 5);
    public static final List<String> ENTRY_COLUMNS = COUNT_COLUMNS.subList(5, 8);
    public static final List<String> EXIT_COLUMNS = COUNT_COLUMNS.subList(8, 11);

    /** The aggregates of all {@link #COUNT_COLUMNS} over a group of events, named as the columns. */
    public static String countsOfEvents(SqlFunctions functions) {
        return countsOfEvents(functions, COUNT_COLUMNS);
    }

    /**
     * The aggregates of {@code columns} (of {@link #COUNT_COLUMNS}) over a group of events, named as the columns,
     * spelled by {@code functions}: views, tracks, events, first and last time, the label, time and id of the
     * first and the last labelled view (ties broken by message id, as the event queries do).
     */
    public static String countsOfEvents(SqlFunctions functions, List<String> columns) {
        return columns.stream().map(column -> aggregateOf(functions, column) + " AS " + column).collect(Collectors.joining(", "));
    }

    private static String aggregateOf(SqlFunctions functions, String column) {
        return switch (column) {
            case "views" -> functions.countIf().formatted(VIEW);
            case "tracks" -> functions.countIf().formatted("type = 'track'");
            case "events" -> "count(*)";
            case "first_at" -> "min(\"timestamp\")";
            case "last_at" -> "max(\"timestamp\")";
            case "entry_view" -> functions.argMinIf().formatted(VIEW_LABEL, ORDER_IN_SESSION, LABELLED_VIEW);
            case "entry_at" -> functions.argMinIf().formatted("\"timestamp\"", ORDER_IN_SESSION, LABELLED_VIEW);
            case "entry_id" -> functions.argMinIf().formatted("message_id", ORDER_IN_SESSION, LABELLED_VIEW);
            case "exit_view" -> functions.argMaxIf().formatted(VIEW_LABEL, ORDER_IN_SESSION, LABELLED_VIEW);
            case "exit_at" -> functions.argMaxIf().formatted("\"timestamp\"", ORDER_IN_SESSION, LABELLED_VIEW);
            case "exit_id" -> functions.argMaxIf().formatted("message_id", ORDER_IN_SESSION, LABELLED_VIEW);
            default -> throw new IllegalArgumentException("not a count of a session part: " + column);
        };
    }

    /**
     * The aggregates of all {@link #COUNT_COLUMNS} over a group of parts (of one key, or of one session), named
     * as the columns: what the group's events together would give.
     */
    public static String mergedCounts(SqlFunctions functions) {
        String entryOrder = "(entry_at, entry_id)";
        String exitOrder = "(exit_at, exit_id)";
        return "sum(views) AS views, sum(tracks) AS tracks, sum(events) AS events, min(first_at) AS first_at, max(last_at) AS last_at, "
                + functions.argMinIf().formatted("entry_view", entryOrder, "entry_at IS NOT NULL") + " AS entry_view, min(entry_at) AS entry_at, "
                + functions.argMinIf().formatted("entry_id", entryOrder, "entry_at IS NOT NULL") + " AS entry_id, "
                + functions.argMaxIf().formatted("exit_view", exitOrder, "exit_at IS NOT NULL") + " AS exit_view, max(exit_at) AS exit_at, "
                + functions.argMaxIf().formatted("exit_id", exitOrder, "exit_at IS NOT NULL") + " AS exit_id";
    }

    /**
     * {@code SELECT} of the parts of {@code events} (a table or subquery with {@link #eventColumns}, restricted by
     * {@code where}): its non-bot interaction events grouped by {@link #keyColumns}, with their counts.
     */
    public static String partsOf(String events, String where, String hourFormat, SqlFunctions functions) {
        String key = keyColumns().stream().map(c -> c.equals("hour") ? hourFormat.formatted("\"timestamp\"") + " AS hour" : c)
                .collect(Collectors.joining(", "));
        return "SELECT " + key + ", " + countsOfEvents(functions) + " FROM " + events + " WHERE (" + where + ") AND NOT is_bot AND "
                + StatsSql.INTERACTION + " GROUP BY " + String.join(", ", keyColumns().stream()
                        .map(c -> c.equals("hour") ? hourFormat.formatted("\"timestamp\"") : c).toList());
    }
}
