package app.tax.analytics.adapters.embedded;

import app.tax.analytics.domain.enrich.EnrichedEvent;
import app.tax.analytics.querymodel.EventField;
import app.tax.analytics.querymodel.EventFields;
import app.tax.analytics.querymodel.SessionParts;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Collection;
import java.util.List;
import java.util.stream.Collectors;
import org.duckdb.DuckDBAppender;
import org.duckdb.DuckDBConnection;

/**
 * The query model's {@link SessionParts} on DuckDB, written in the transaction that stores the events, so
 * a part always holds exactly the stored events of its key. A part's key holds NULLs (no user id, no
 * country), which a primary key may not, so the table's key {@code part_key} is the MD5 of the key columns
 * as a JSON list: the same key, the same row, merged in place by {@code ON CONFLICT DO UPDATE}.
 */
final class SessionPartsTable {
    static final String NAME = SessionParts.TABLE;
    /** How the table's {@code hour} is computed from an event's time. */
    static final String HOUR = "date_trunc('hour', %s)";
    static final String EXISTS = "SELECT 1 FROM information_schema.tables WHERE table_schema = 'main' AND table_name = '" + NAME + "'";
    /** The connection's temporary table a batch's stored events are put in to be aggregated. */
    private static final String BATCH = "session_parts_batch";
    private static final Duration HOUR_LENGTH = Duration.ofHours(1);
    /** The event fields a part is aggregated from, in table order. */
    private static final List<EventField> EVENT_FIELDS = EventFields.ALL.stream()
            .filter(field -> SessionParts.eventColumns().contains(quotedIfWord(field.name()))).toList();
    private static final String PART_KEY = "md5_number(to_json([" + SessionParts.keyColumns().stream()
            .map(column -> column.equals("hour") ? "CAST(hour AS VARCHAR)" : column).collect(Collectors.joining(", ")) + "]))";
    /** A later part of the key's events: sums, the earlier first and the later last view. */
    private static final String MERGE = " ON CONFLICT (part_key) DO UPDATE SET views = views + excluded.views,"
            + " tracks = tracks + excluded.tracks, events = events + excluded.events,"
            + " first_at = least(first_at, excluded.first_at), last_at = greatest(last_at, excluded.last_at), "
            + replacedWhen("entry", "excluded.entry_at IS NOT NULL AND (entry_at IS NULL OR excluded.entry_at < entry_at"
                    + " OR (excluded.entry_at = entry_at AND excluded.entry_id < entry_id))") + ", "
            + replacedWhen("exit", "excluded.exit_at IS NOT NULL AND (exit_at IS NULL OR excluded.exit_at > exit_at"
                    + " OR (excluded.exit_at = exit_at AND excluded.exit_id > exit_id))");
    private static final String ADD_BATCH = insertPartsOf(BATCH, "true") + MERGE;

    private SessionPartsTable() {
    }

    static String createTable() {
        String keyColumns = SessionParts.keyColumns().stream().map(column -> column.equals("hour") ? "hour TIMESTAMP NOT NULL"
                : column + ' ' + DuckDbDialect.columnType(field(column))).collect(Collectors.joining(",\n  "));
        return "CREATE TABLE IF NOT EXISTS " + NAME + " (\n  part_key UHUGEINT PRIMARY KEY,\n  " + keyColumns + ",\n"
                + "  views BIGINT NOT NULL, tracks BIGINT NOT NULL, events BIGINT NOT NULL,\n"
                + "  first_at TIMESTAMP NOT NULL, last_at TIMESTAMP NOT NULL,\n"
                + "  entry_view VARCHAR, entry_at TIMESTAMP, entry_id VARCHAR, exit_view VARCHAR, exit_at TIMESTAMP, exit_id VARCHAR\n)";
    }

    /** Created outside any write's transaction, so that a rolled-back write does not take it with it. */
    static String createBatchTable() {
        return "CREATE TEMP TABLE IF NOT EXISTS " + BATCH + " AS SELECT "
                + EVENT_FIELDS.stream().map(field -> quotedIfWord(field.name())).collect(Collectors.joining(", "))
                + " FROM " + EventsTable.NAME + " LIMIT 0";
    }

    /** The parts of all stored events: for a file written before the table existed. */
    static String backfill() {
        return insertPartsOf(EventsTable.NAME, "true");
    }

    /**
     * Adds the parts of {@code stored}, events the caller's transaction has just stored (none stored before),
     * merging them into the parts already there.
     */
    static void add(DuckDBConnection connection, Collection<EnrichedEvent> stored) throws SQLException {
        if (stored.isEmpty()) {
            return;
        }
        try (DuckDBAppender appender = connection.createAppender("temp", "main", BATCH)) {
            for (EnrichedEvent row : stored) {
                appender.beginRow();
                for (EventField field : EVENT_FIELDS) {
                    EventsTable.append(appender, field, field.valueOf(row));
                }
                appender.endRow();
            }
            appender.flush();
        }
        try (Statement statement = connection.createStatement()) {
            statement.executeUpdate(ADD_BATCH);
            statement.execute("DELETE FROM " + BATCH);
        }
    }

    /**
     * After the events before {@code cutoff} are deleted: the parts of the hours before it deleted, and those
     * of its own hour made again from the events left in it.
     */
    static List<Sql> afterRetention(Instant cutoff) {
        Instant hour = cutoff.truncatedTo(ChronoUnit.HOURS);
        Instant next = hour.plus(HOUR_LENGTH);
        return List.of(
                new Sql().add("DELETE FROM " + NAME + " WHERE hour < make_timestamp(?)", DuckDbDialect.micros(next)),
                new Sql().add(insertPartsOf(EventsTable.NAME, "\"timestamp\" >= make_timestamp(?) AND \"timestamp\" < make_timestamp(?)"),
                        DuckDbDialect.micros(hour), DuckDbDialect.micros(next)));
    }

    /** Deletes the parts of the events {@code eventsCondition} selects (a condition on source and ids only). */
    static Sql delete(Sql eventsCondition) {
        return new Sql().add("DELETE FROM " + NAME + " WHERE ").add(eventsCondition);
    }

    /** Inserts the parts of {@code events} restricted by {@code where}, each with its key. */
    private static String insertPartsOf(String events, String where) {
        return "INSERT INTO " + NAME + " SELECT " + PART_KEY + " AS part_key, * FROM ("
                + SessionParts.partsOf(events, where, HOUR, DuckDbDialect.INSTANCE.functions()) + ") AS parts";
    }

    /** The SET of a view's label, time and id, taken from the new part when {@code condition}. */
    private static String replacedWhen(String view, String condition) {
        return List.of("_view", "_at", "_id").stream().map(suffix -> view + suffix + " = CASE WHEN " + condition + " THEN excluded." + view
                + suffix + " ELSE " + view + suffix + " END").collect(Collectors.joining(", "));
    }

    private static EventField field(String name) {
        return EventFields.ALL.stream().filter(field -> field.name().equals(name)).findFirst()
                .orElseThrow(() -> new IllegalStateException("no event field " + name));
    }

    private static String quotedIfWord(String name) {
        return name.equals("timestamp") ? "\"timestamp\"" : name;
    }
}
