package app.tax.analytics.adapters.embedded;

import app.tax.analytics.domain.enrich.EnrichedEvent;
import app.tax.analytics.querymodel.EventField;
import app.tax.analytics.querymodel.EventFields;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.duckdb.DuckDBAppender;

/**
 * The {@code events} table of docs/STATS.md: the query model's {@link EventFields} give both the DDL and
 * the order the appender writes values in, so the two cannot drift apart. Blank texts are stored as
 * NULL, so "no value" has one representation for filters and breakdowns.
 */
final class EventsTable {
    static final String NAME = "events";
    private static final String SCREEN = "screen";

    private EventsTable() {
    }

    static String createTable() {
        return "CREATE TABLE IF NOT EXISTS " + NAME + " (\n  "
                + EventFields.ALL.stream().map(f -> quoted(f.name()) + ' ' + DuckDbDialect.columnType(f))
                        .collect(Collectors.joining(",\n  "))
                + ",\n  PRIMARY KEY (source, message_id)\n)";
    }

    /**
     * Brings a table created by an older version up to {@link EventFields}: adds each missing optional
     * column (new fields are appended at the end, so the appender's order still holds) and fills the
     * {@code screen} column (V006) of the screens stored before it existed.
     */
    static void addMissingColumns(Statement statement) throws SQLException {
        Set<String> existing = new HashSet<>();
        try (ResultSet rows = statement.executeQuery(
                "SELECT column_name FROM information_schema.columns WHERE table_name = '" + NAME + "'")) {
            while (rows.next()) {
                existing.add(rows.getString(1));
            }
        }
        for (EventField field : EventFields.ALL) {
            if (!existing.contains(field.name()) && !field.required()) {
                statement.execute("ALTER TABLE " + NAME + " ADD COLUMN " + quoted(field.name()) + ' ' + DuckDbDialect.columnType(field));
            }
        }
        if (!existing.contains(SCREEN)) {
            statement.execute("UPDATE " + NAME + " SET screen = coalesce(nullif(name, ''), nullif(json_extract_string(properties, '$.name'), ''))"
                    + " WHERE type = 'screen'");
        }
    }

    /** A table in the connection's temporary catalog with the same columns and no constraints. */
    static String createStaging(String stagingName) {
        return "CREATE TEMP TABLE IF NOT EXISTS " + stagingName + " AS SELECT * FROM " + NAME + " LIMIT 0";
    }

    /** Appends one event as a row; the appender's columns are those of {@link EventFields#ALL}, in order. */
    static void append(DuckDBAppender appender, EnrichedEvent row) throws SQLException {
        appender.beginRow();
        for (EventField field : EventFields.ALL) {
            append(appender, field, field.valueOf(row));
        }
        appender.endRow();
    }

    /** Timestamps are stored as naive UTC with millisecond precision, like ClickHouse's DateTime64(3, 'UTC'). */
    @SuppressWarnings("unchecked")
    static void append(DuckDBAppender appender, EventField field, Object value) throws SQLException {
        if (value == null) {
            appender.appendNull();
            return;
        }
        switch (field.type()) {
            case TEXT -> appender.append((String) value);
            case TIME -> appender.appendEpochMicros(Math.multiplyExact(((Instant) value).toEpochMilli(), 1000L));
            case BOOLEAN -> appender.append((boolean) (Boolean) value);
            case JSON -> appender.append(Json.write((Map<String, Object>) value));
        }
    }

    /** Column names are quoted in DDL because some ({@code timestamp}, {@code type}) are also SQL words. */
    private static String quoted(String name) {
        return '"' + name + '"';
    }
}
