package app.tax.analytics.adapters.clickhouse;

import app.tax.analytics.domain.enrich.EnrichedEvent;
import app.tax.analytics.querymodel.EventField;
import app.tax.analytics.querymodel.EventFields;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.util.stream.Collectors;

/**
 * The written columns of {@code events}: the query model's {@link EventFields} give both the INSERT's
 * column list and the order values are bound in (V001 is checked against them by a test). Blank texts
 * are stored as NULL, as the DuckDB store does, so "no value" has one representation.
 */
final class EventColumns {
    private static final ObjectMapper JSON = new ObjectMapper();

    static final String INSERT = "INSERT INTO events (" + String.join(", ", EventFields.names())
            + ") VALUES (" + EventFields.ALL.stream().map(c -> "?").collect(Collectors.joining(", ")) + ")";

    private EventColumns() {
    }

    static void bind(PreparedStatement statement, EnrichedEvent row) throws SQLException {
        for (int i = 0; i < EventFields.ALL.size(); i++) {
            EventField field = EventFields.ALL.get(i);
            Object value = field.valueOf(row);
            int index = i + 1;
            if (value == null) {
                statement.setNull(index, Types.VARCHAR);
                continue;
            }
            switch (field.type()) {
                case TEXT -> statement.setString(index, (String) value);
                case TIME -> statement.setString(index, BoundSql.timeText((Instant) value));
                case BOOLEAN -> statement.setBoolean(index, (Boolean) value);
                case JSON -> statement.setString(index, json(value));
            }
        }
    }

    private static String json(Object map) {
        try {
            return JSON.writeValueAsString(map);
        } catch (JsonProcessingException e) {
            // Event maps hold only JSON values (the collector parsed them from JSON): a bug if reached.
            throw new IllegalArgumentException("value cannot be written as JSON: " + e.getOriginalMessage(), e);
        }
    }
}
