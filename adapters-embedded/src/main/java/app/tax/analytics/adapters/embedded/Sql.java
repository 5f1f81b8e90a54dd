package app.tax.analytics.adapters.embedded;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;

/**
 * SQL text built from fixed fragments, with every value kept apart as a prepared-statement parameter in
 * the order its {@code ?} appears. Nothing from a request is ever appended to the text.
 */
final class Sql {
    private final StringBuilder text = new StringBuilder();
    private final List<Object> parameters = new ArrayList<>();

    /** Appends a fixed fragment and the values of its {@code ?} placeholders, in order. */
    Sql add(String fragment, Object... values) {
        long placeholders = fragment.chars().filter(c -> c == '?').count();
        if (placeholders != values.length) {
            throw new IllegalArgumentException("fragment has " + placeholders + " placeholders but " + values.length + " values: " + fragment);
        }
        text.append(fragment);
        for (Object value : values) {
            parameters.add(Objects.requireNonNull(value, "a parameter value"));
        }
        return this;
    }

    Sql add(Sql other) {
        text.append(other.text);
        parameters.addAll(other.parameters);
        return this;
    }

    /** {@code ?, ?, ?} for the values, bound in order. */
    Sql addList(List<String> values) {
        for (int i = 0; i < values.size(); i++) {
            add(i == 0 ? "?" : ", ?", values.get(i));
        }
        return this;
    }

    String text() {
        return text.toString();
    }

    List<Object> parameters() {
        return Collections.unmodifiableList(parameters);
    }

    PreparedStatement prepare(Connection connection) throws SQLException {
        PreparedStatement statement = connection.prepareStatement(text.toString());
        try {
            for (int i = 0; i < parameters.size(); i++) {
                Object value = parameters.get(i);
                if (value instanceof Long) {
                    statement.setLong(i + 1, (Long) value);
                } else if (value instanceof Integer) {
                    statement.setInt(i + 1, (Integer) value);
                } else if (value instanceof String) {
                    statement.setString(i + 1, (String) value);
                } else {
                    throw new IllegalArgumentException("unsupported parameter type " + value.getClass().getName());
                }
            }
            return statement;
        } catch (SQLException | RuntimeException e) {
            statement.close();
            throw e;
        }
    }

    @Override
    public String toString() {
        return text + " " + parameters;
    }
}
