package app.tax.analytics.adapters.clickhouse;

import app.tax.analytics.domain.enrich.EnrichedEvent;
import app.tax.analytics.domain.event.EventContext;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The written columns of {@code events} (docs/STATS.md) and where each value comes from; one list gives
 * both the INSERT's column list and the order values are bound in. Blank texts are stored as NULL, as
 * the DuckDB store does, so "no value" has one representation in filters and breakdowns.
 */
final class EventColumns {
    private static final ObjectMapper JSON = new ObjectMapper();

    private enum Kind { TEXT, TIME, BOOL, JSON }

    private record Column(String name, Kind kind, Function<EnrichedEvent, Object> value) {
    }

    private static final List<Column> COLUMNS = List.of(
            text("source", r -> r.event().source()),
            text("message_id", r -> r.event().messageId()),
            text("type", r -> r.event().type().wireName()),
            text("event_name", r -> r.event().event()),
            text("name", r -> r.event().name()),
            text("user_id", r -> r.event().userId()),
            text("anonymous_id", r -> r.event().anonymousId()),
            text("visitor_id", EnrichedEvent::visitorId),
            text("session_id", EnrichedEvent::sessionId),
            time("timestamp", r -> r.event().timestamp()),
            time("received_at", r -> r.event().receivedAt()),
            time("sent_at", r -> r.event().sentAt()),
            time("original_timestamp", r -> r.event().originalTimestamp()),
            text("url", r -> context(r).page().url()),
            text("referrer", r -> context(r).page().referrer()),
            text("title", r -> context(r).page().title()),
            text("hostname", r -> r.page().host()),
            text("path", r -> r.page().path()),
            text("referrer_domain", r -> r.traffic().referrerDomain()),
            text("channel", r -> r.traffic().channel().wireName()),
            text("utm_source", r -> r.campaign().source()),
            text("utm_medium", r -> r.campaign().medium()),
            text("utm_campaign", r -> r.campaign().name()),
            text("utm_term", r -> r.campaign().term()),
            text("utm_content", r -> r.campaign().content()),
            text("country", r -> r.geo().country()),
            text("region", r -> r.geo().region()),
            text("city", r -> r.geo().city()),
            text("browser", r -> r.device().browser()),
            text("browser_version", r -> r.device().browserVersion()),
            text("os", r -> r.device().os()),
            text("os_version", r -> r.device().osVersion()),
            text("device", r -> r.device().deviceType().wireName()),
            new Column("is_bot", Kind.BOOL, r -> r.device().bot()),
            text("ip", r -> context(r).ip()),
            text("user_agent", r -> context(r).userAgent()),
            text("locale", r -> context(r).locale()),
            text("timezone", r -> context(r).timezone()),
            text("library_name", r -> context(r).libraryName()),
            text("library_version", r -> context(r).libraryVersion()),
            text("group_id", r -> r.event().groupId()),
            text("previous_id", r -> r.event().previousId()),
            new Column("properties", Kind.JSON, r -> r.event().properties()),
            new Column("traits", Kind.JSON, r -> r.event().traits()),
            new Column("context", Kind.JSON, r -> context(r).raw()));

    static final String INSERT = "INSERT INTO events ("
            + COLUMNS.stream().map(Column::name).collect(Collectors.joining(", "))
            + ") VALUES (" + COLUMNS.stream().map(c -> "?").collect(Collectors.joining(", ")) + ")";

    private EventColumns() {
    }

    static void bind(PreparedStatement statement, EnrichedEvent row) throws SQLException {
        for (int i = 0; i < COLUMNS.size(); i++) {
            Column column = COLUMNS.get(i);
            Object value = column.value().apply(row);
            int index = i + 1;
            switch (column.kind()) {
                case TEXT -> {
                    String text = (String) value;
                    if (text == null || text.isBlank()) {
                        statement.setNull(index, Types.VARCHAR);
                    } else {
                        statement.setString(index, text);
                    }
                }
                case TIME -> {
                    if (value == null) {
                        statement.setNull(index, Types.VARCHAR);
                    } else {
                        statement.setString(index, BoundSql.timeText((Instant) value));
                    }
                }
                case BOOL -> statement.setBoolean(index, (Boolean) value);
                case JSON -> statement.setString(index, json(value));
            }
        }
    }

    private static String json(Object map) {
        try {
            return JSON.writeValueAsString(map == null ? Map.of() : map);
        } catch (JsonProcessingException e) {
            // Event maps hold only JSON values (the collector parsed them from JSON): a bug if reached.
            throw new IllegalArgumentException("value cannot be written as JSON: " + e.getOriginalMessage(), e);
        }
    }

    private static EventContext context(EnrichedEvent row) {
        return row.event().context();
    }

    private static Column text(String name, Function<EnrichedEvent, Object> value) {
        return new Column(name, Kind.TEXT, value);
    }

    private static Column time(String name, Function<EnrichedEvent, Object> value) {
        return new Column(name, Kind.TIME, value);
    }
}
