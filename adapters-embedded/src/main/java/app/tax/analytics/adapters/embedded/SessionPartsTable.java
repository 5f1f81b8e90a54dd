package app.tax.analytics.adapters.embedded;

import app.tax.analytics.domain.enrich.EnrichedEvent;
import app.tax.analytics.querymodel.EventFields;
import app.tax.analytics.querymodel.SessionPart;
import app.tax.analytics.querymodel.SessionParts;
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
 * the parts always hold exactly the stored events. A write appends its batch's parts ({@link SessionPart},
 * aggregated in Java) with the appender, no key checked: the stats queries merge parts anyway, so a key may
 * have several rows. {@link #compact} merges them: every hour that received rows since becomes one row per
 * key again ({@link SessionParts#COMPACTED}), which keeps the table at about one row per session-hour, and marks the parts
 * of the sessions it merged that are their session's only one ({@code only_part}, see
 * {@link SessionParts#ONLY_PART}). Retention and erasure mark again the sessions whose parts they delete or make, in
 * their transaction.
 */
final class SessionPartsTable {
    static final String NAME = SessionParts.TABLE;
    /** How the table's {@code hour} is computed from an event's time. */
    static final String HOUR = "date_trunc('hour', %s)";
    static final String EXISTS = "SELECT 1 FROM information_schema.tables WHERE table_schema = 'main' AND table_name = '" + NAME + "'";
    /** The connection's temporary table a compaction builds the merged rows in. */
    private static final String MERGED = "session_parts_merged";
    private static final Duration HOUR_LENGTH = Duration.ofHours(1);
    private static final String KEY = String.join(", ", SessionParts.keyColumns());
    private static final String UNCOMPACTED_HOURS = "SELECT DISTINCT hour FROM " + NAME + " WHERE NOT " + SessionParts.COMPACTED;
    /** Adds the flag to a file from before it (then every part is marked once: {@link #MARK_ONLY_PARTS}). */
    static final String ADD_ONLY_PART = "ALTER TABLE " + NAME + " ADD COLUMN IF NOT EXISTS " + SessionParts.ONLY_PART + " BOOLEAN DEFAULT false";
    static final String HAS_ONLY_PART = "SELECT 1 FROM information_schema.columns WHERE table_schema = 'main' AND table_name = '" + NAME
            + "' AND column_name = '" + SessionParts.ONLY_PART + "'";
    /** Marks every part: whether it is its session's only one. */
    static final String MARK_ONLY_PARTS = markOnlyParts(new Sql().add("true")).text();
    private static final List<String> COMPACTION = List.of(
            "INSERT INTO " + MERGED + " SELECT " + KEY + ", " + SessionParts.mergedCounts(DuckDbDialect.INSTANCE.functions())
                    + ", true, false FROM " + NAME + " WHERE hour IN (" + UNCOMPACTED_HOURS + ") GROUP BY " + KEY,
            "DELETE FROM " + NAME + " WHERE hour IN (SELECT DISTINCT hour FROM " + MERGED + ")",
            "INSERT INTO " + NAME + " SELECT * FROM " + MERGED,
            markOnlyParts(new Sql().add("EXISTS (SELECT 1 FROM " + MERGED + " AS m WHERE m.source = p.source AND m.session_id = p.session_id)"))
                    .text(),
            "DELETE FROM " + MERGED);

    private SessionPartsTable() {
    }

    /**
     * Sets {@code only_part} of the parts of the sessions {@code sessions} selects (a condition on the parts
     * {@code p}): true where the session has exactly one part that {@code counted} selects (a condition on {@code p}
     * too). Written only to the rows {@code kept} selects (a condition on a part's columns) whose flag changes.
     */
    private static Sql markOnlyParts(Sql counted, Sql sessions, Sql kept) {
        String only = SessionParts.ONLY_PART;
        // the counts' columns are named apart from the table's, so that kept's own column names stay unambiguous
        return new Sql().add("UPDATE " + NAME + " SET " + only + " = counted.parts = 1 FROM (SELECT p.source AS counted_source,"
                        + " p.session_id AS counted_session, count(*) FILTER (WHERE ").add(counted).add(") AS parts FROM " + NAME + " AS p WHERE ")
                .add(sessions).add(" GROUP BY p.source, p.session_id) AS counted WHERE " + NAME + ".source = counted.counted_source AND "
                        + NAME + ".session_id = counted.counted_session AND " + NAME + "." + only + " <> (counted.parts = 1) AND (").add(kept).add(")");
    }

    private static Sql markOnlyParts(Sql sessions) {
        return markOnlyParts(new Sql().add("true"), sessions, new Sql().add("true"));
    }

    /**
     * Before the parts {@code condition} selects (a condition on a part's columns) are deleted: marks the other parts
     * of the sessions that lose one as what they are once those are gone, their session's only part or not. Only those
     * sessions are counted, not the whole table: deleting parts never makes another part's mark wrong, since a part
     * marked as its session's only one has no other part to lose.
     */
    static Sql markBeforeDeleting(Sql condition) {
        Sql kept = new Sql().add("NOT coalesce(").add(condition).add(", false)");
        return markOnlyParts(kept, new Sql().add("p.session_id IN (SELECT session_id FROM " + NAME + " WHERE ").add(condition).add(")"), kept);
    }

    /** Marks the parts of the sessions that have a part {@code condition} selects (a condition on a part's columns). */
    private static Sql markSessionsWith(Sql condition) {
        return markOnlyParts(new Sql().add("p.session_id IN (SELECT session_id FROM " + NAME + " WHERE ").add(condition).add(")"));
    }

    static String createTable() {
        String keyColumns = SessionParts.keyColumns().stream().map(column -> column.equals("hour") ? "hour TIMESTAMP NOT NULL"
                : column + ' ' + DuckDbDialect.columnType(EventFields.named(column))).collect(Collectors.joining(",\n  "));
        return "CREATE TABLE IF NOT EXISTS " + NAME + " (\n  " + keyColumns + ",\n"
                + "  views BIGINT NOT NULL, tracks BIGINT NOT NULL, events BIGINT NOT NULL,\n"
                + "  first_at TIMESTAMP NOT NULL, last_at TIMESTAMP NOT NULL,\n"
                + "  entry_view VARCHAR, entry_at TIMESTAMP, entry_id VARCHAR, exit_view VARCHAR, exit_at TIMESTAMP, exit_id VARCHAR,\n"
                + "  " + SessionParts.COMPACTED + " BOOLEAN NOT NULL, " + SessionParts.ONLY_PART + " BOOLEAN DEFAULT false\n)";
    }

    /** Created outside any write's transaction, so that a rolled-back write does not take it with it. */
    static String createMergedTable() {
        return "CREATE TEMP TABLE IF NOT EXISTS " + MERGED + " AS SELECT * FROM " + NAME + " LIMIT 0";
    }

    /** The parts of all stored events: for a file written before the table existed. */
    static String backfill() {
        return insertPartsOf(EventsTable.NAME, "true");
    }

    /** Appends the parts of {@code stored}, events the caller's transaction has just stored (none stored before). */
    static void add(DuckDBConnection connection, Collection<EnrichedEvent> stored) throws SQLException {
        List<SessionPart> parts = SessionPart.partsOf(stored);
        if (parts.isEmpty()) {
            return;
        }
        try (DuckDBAppender appender = connection.createAppender(DuckDBConnection.DEFAULT_SCHEMA, NAME)) {
            for (SessionPart part : parts) {
                appender.beginRow();
                for (Object value : part.key()) {
                    appendValue(appender, value);
                }
                appender.append(part.views());
                appender.append(part.tracks());
                appender.append(part.events());
                for (Object value : new Object[] {part.firstAt(), part.lastAt(), part.entryView(), part.entryAt(), part.entryId(),
                        part.exitView(), part.exitAt(), part.exitId()}) {
                    appendValue(appender, value);
                }
                appender.append(false);
                // not its session's only part until the next merge says so
                appender.append(false);
                appender.endRow();
            }
            // flushed here, not by close(), which does not report a failed flush
            appender.flush();
        }
    }

    private static void appendValue(DuckDBAppender appender, Object value) throws SQLException {
        if (value == null) {
            appender.appendNull();
        } else if (value instanceof Instant instant) {
            appender.appendEpochMicros(Math.multiplyExact(instant.toEpochMilli(), 1000L));
        } else {
            appender.append((String) value);
        }
    }

    /** Merges the rows of every hour that received parts since its last compaction, in the caller's transaction. */
    static void compact(DuckDBConnection connection) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            for (String step : COMPACTION) {
                statement.execute(step);
            }
        }
    }

    /**
     * After the events before {@code cutoff} are deleted: the parts of the hours before it deleted, those of its own
     * hour made again from the events left in it, and the sessions of both marked again.
     */
    static List<Sql> afterRetention(Instant cutoff) {
        Instant hour = cutoff.truncatedTo(ChronoUnit.HOURS);
        Instant next = hour.plus(HOUR_LENGTH);
        Sql deleted = new Sql().add("hour < make_timestamp(?)", DuckDbDialect.micros(next));
        return List.of(
                markBeforeDeleting(deleted),
                new Sql().add("DELETE FROM " + NAME + " WHERE ").add(deleted),
                new Sql().add(insertPartsOf(EventsTable.NAME, "\"timestamp\" >= make_timestamp(?) AND \"timestamp\" < make_timestamp(?)"),
                        DuckDbDialect.micros(hour), DuckDbDialect.micros(next)),
                markSessionsWith(new Sql().add("hour = make_timestamp(?)", DuckDbDialect.micros(hour))));
    }

    /**
     * Deletes the parts of the events {@code eventsCondition} selects (a condition on source and ids only), after
     * {@link #markBeforeDeleting} of the same condition.
     */
    static Sql delete(Sql eventsCondition) {
        return new Sql().add("DELETE FROM " + NAME + " WHERE ").add(eventsCondition);
    }

    /** Inserts the parts of {@code events} restricted by {@code where}, compacted (one row per key). */
    private static String insertPartsOf(String events, String where) {
        return "INSERT INTO " + NAME + " SELECT *, true AS " + SessionParts.COMPACTED + ", false AS " + SessionParts.ONLY_PART + " FROM ("
                + SessionParts.partsOf(events, where, HOUR, DuckDbDialect.INSTANCE.functions()) + ") AS parts";
    }
}
