package app.tax.analytics.adapters.clickhouse;

import app.tax.analytics.querymodel.Sql;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * SQL text with server-side parameters: every value becomes a {@code {pN:Type}} placeholder whose text is
 * sent separately (as the {@code param_pN} setting), so no value is ever part of the SQL. Only fixed
 * fragments from this module's code are appended as text.
 */
final class BoundSql {
    /** DateTime64(3) text, read as UTC by the 'UTC' columns and parameter types used here. */
    private static final DateTimeFormatter DATE_TIME_64 =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSS").withZone(ZoneOffset.UTC);
    static final String TIME_TYPE = "DateTime64(3, 'UTC')";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final StringBuilder text = new StringBuilder();
    private final Map<String, String> parameters = new LinkedHashMap<>();

    /** The query model's statement: its text with {@link ClickHouseDialect} placeholders, its values as parameters. */
    static BoundSql of(Sql sql) {
        BoundSql bound = new BoundSql().add(sql.render(ClickHouseDialect.INSTANCE));
        for (Sql.Parameter parameter : sql.parameters()) {
            bound.parameters.put(ClickHouseDialect.parameterName(bound.parameters.size()), switch (parameter.type()) {
                case TEXT -> (String) parameter.value();
                case INT32, INT64, UINT32 -> Long.toString((Long) parameter.value());
                case TIME -> timeText((Instant) parameter.value());
            });
        }
        return bound;
    }

    BoundSql add(String sqlFragment) {
        text.append(sqlFragment);
        return this;
    }

    /** Registers a value and returns its placeholder, for a value used more than once. */
    String parameter(String type, String value) {
        // Parameter names never collide with settings (a parameter named like a setting is misread).
        String name = ClickHouseDialect.parameterName(parameters.size());
        parameters.put(name, value);
        return "{" + name + ":" + type + "}";
    }

    BoundSql text(String value) {
        return add(parameter("String", value));
    }

    BoundSql time(Instant value) {
        return add(parameter(TIME_TYPE, DATE_TIME_64.format(value)));
    }

    BoundSql integer(String type, long value) {
        return add(parameter(type, Long.toString(value)));
    }

    /**
     * An Array(String) value, sent as a JSON String parameter and decoded by the server: String parameters
     * are read the same way by every server version, while how an Array parameter's text is unescaped
     * (quotes and backslashes inside elements) has differed between versions.
     */
    BoundSql textArray(List<String> values) {
        try {
            return add("JSONExtract(" + parameter("String", JSON.writeValueAsString(values)) + ", 'Array(String)')");
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("texts cannot be written as JSON", e);
        }
    }

    static String timeText(Instant value) {
        return DATE_TIME_64.format(value);
    }

    String sql() {
        return text.toString();
    }

    Map<String, String> parameters() {
        return Collections.unmodifiableMap(parameters);
    }

    @Override
    public String toString() {
        return text.toString();
    }
}
