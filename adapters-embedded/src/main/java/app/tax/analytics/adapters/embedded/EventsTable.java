package app.tax.analytics.adapters.embedded;

import app.tax.analytics.domain.enrich.EnrichedEvent;
import app.tax.analytics.domain.event.EventContext;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.stream.Collectors;
import org.duckdb.DuckDBAppender;

/**
 * The {@code events} table of docs/STATS.md: one list of columns gives both the DDL and the order the
 * appender writes values in, so the two cannot drift apart. Blank texts are stored as NULL, so "no
 * value" has one representation for filters and breakdowns.
 */
final class EventsTable {
    static final String NAME = "events";

    /** Writes one column's value of an event into the appender's current row. */
    @FunctionalInterface
    interface ValueWriter {
        void append(DuckDBAppender appender, EnrichedEvent row) throws SQLException;
    }

    record Column(String name, String type, ValueWriter writer) {
    }

    static final List<Column> COLUMNS = List.of(
            text("source", "VARCHAR NOT NULL", r -> r.event().source()),
            text("message_id", "VARCHAR NOT NULL", r -> r.event().messageId()),
            text("type", "VARCHAR NOT NULL", r -> r.event().type().wireName()),
            text("event_name", "VARCHAR", r -> r.event().event()),
            text("name", "VARCHAR", r -> r.event().name()),
            text("user_id", "VARCHAR", r -> r.event().userId()),
            text("anonymous_id", "VARCHAR", r -> r.event().anonymousId()),
            text("visitor_id", "VARCHAR NOT NULL", EnrichedEvent::visitorId),
            text("session_id", "VARCHAR NOT NULL", EnrichedEvent::sessionId),
            time("timestamp", "TIMESTAMP NOT NULL", r -> r.event().timestamp()),
            time("received_at", "TIMESTAMP NOT NULL", r -> r.event().receivedAt()),
            time("sent_at", "TIMESTAMP", r -> r.event().sentAt()),
            time("original_timestamp", "TIMESTAMP", r -> r.event().originalTimestamp()),
            text("url", "VARCHAR", r -> context(r).page().url()),
            text("referrer", "VARCHAR", r -> context(r).page().referrer()),
            text("title", "VARCHAR", r -> context(r).page().title()),
            text("hostname", "VARCHAR", r -> r.page().host()),
            text("path", "VARCHAR", r -> r.page().path()),
            text("referrer_domain", "VARCHAR", r -> r.traffic().referrerDomain()),
            text("channel", "VARCHAR NOT NULL", r -> r.traffic().channel().wireName()),
            text("utm_source", "VARCHAR", r -> r.campaign().source()),
            text("utm_medium", "VARCHAR", r -> r.campaign().medium()),
            text("utm_campaign", "VARCHAR", r -> r.campaign().name()),
            text("utm_term", "VARCHAR", r -> r.campaign().term()),
            text("utm_content", "VARCHAR", r -> r.campaign().content()),
            text("country", "VARCHAR", r -> r.geo().country()),
            text("region", "VARCHAR", r -> r.geo().region()),
            text("city", "VARCHAR", r -> r.geo().city()),
            text("browser", "VARCHAR", r -> r.device().browser()),
            text("browser_version", "VARCHAR", r -> r.device().browserVersion()),
            text("os", "VARCHAR", r -> r.device().os()),
            text("os_version", "VARCHAR", r -> r.device().osVersion()),
            text("device", "VARCHAR NOT NULL", r -> r.device().deviceType().wireName()),
            new Column("is_bot", "BOOLEAN NOT NULL", (a, r) -> a.append(r.device().bot())),
            text("ip", "VARCHAR", r -> context(r).ip()),
            text("user_agent", "VARCHAR", r -> context(r).userAgent()),
            text("locale", "VARCHAR", r -> context(r).locale()),
            text("timezone", "VARCHAR", r -> context(r).timezone()),
            text("library_name", "VARCHAR", r -> context(r).libraryName()),
            text("library_version", "VARCHAR", r -> context(r).libraryVersion()),
            text("group_id", "VARCHAR", r -> r.event().groupId()),
            text("previous_id", "VARCHAR", r -> r.event().previousId()),
            json("properties", r -> Json.write(r.event().properties())),
            json("traits", r -> Json.write(r.event().traits())),
            json("context", r -> Json.write(r.event().context().raw())));

    private EventsTable() {
    }

    static String createTable() {
        return "CREATE TABLE IF NOT EXISTS " + NAME + " (\n  "
                + COLUMNS.stream().map(c -> quoted(c.name()) + ' ' + c.type()).collect(Collectors.joining(",\n  "))
                + ",\n  PRIMARY KEY (source, message_id)\n)";
    }

    /** A table in the connection's temporary catalog with the same columns and no constraints. */
    static String createStaging(String stagingName) {
        return "CREATE TEMP TABLE IF NOT EXISTS " + stagingName + " AS SELECT * FROM " + NAME + " LIMIT 0";
    }

    /** Appends one event as a row; the appender's columns are those of {@link #COLUMNS}, in order. */
    static void append(DuckDBAppender appender, EnrichedEvent row) throws SQLException {
        appender.beginRow();
        for (Column column : COLUMNS) {
            column.writer().append(appender, row);
        }
        appender.endRow();
    }

    /** Column names are quoted in DDL because some ({@code timestamp}, {@code type}) are also SQL words. */
    private static String quoted(String name) {
        return '"' + name + '"';
    }

    private static EventContext context(EnrichedEvent row) {
        return row.event().context();
    }

    private interface TextOf {
        String of(EnrichedEvent row);
    }

    private interface InstantOf {
        Instant of(EnrichedEvent row);
    }

    private static Column text(String name, String type, TextOf value) {
        return new Column(name, type, (appender, row) -> {
            String text = value.of(row);
            if (text == null || text.isBlank()) {
                appender.appendNull();
            } else {
                appender.append(text);
            }
        });
    }

    /** Timestamps are stored as naive UTC with millisecond precision, like ClickHouse's DateTime64(3, 'UTC'). */
    private static Column time(String name, String type, InstantOf value) {
        return new Column(name, type, (appender, row) -> {
            Instant instant = value.of(row);
            if (instant == null) {
                appender.appendNull();
            } else {
                appender.appendEpochMicros(Math.multiplyExact(instant.toEpochMilli(), 1000L));
            }
        });
    }

    private static Column json(String name, TextOf value) {
        return new Column(name, "JSON", (appender, row) -> appender.append(value.of(row)));
    }
}
