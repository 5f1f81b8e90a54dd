package app.tax.analytics.adapters.embedded;

import app.tax.analytics.application.port.out.StoreUnavailableException;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/** Reads and writes of the small tables (accounts, keys, shares, the dashboard's items): SQL failures become {@link StoreUnavailableException}s. */
final class DuckDbRows {
    private final DuckDbDatabase database;

    /** One row of a result as a domain value. */
    @FunctionalInterface
    interface RowMapper<T> {
        T map(ResultSet rows) throws SQLException;
    }

    DuckDbRows(DuckDbDatabase database) {
        this.database = Objects.requireNonNull(database);
    }

    /** {@code at} as the microseconds {@code make_timestamp(?)} takes (millisecond precision, as the stores keep it). */
    static long micros(Instant at) {
        return Math.multiplyExact(at.toEpochMilli(), 1000L);
    }

    /** @param what what is read, for the error, e.g. "API keys" */
    <T> List<T> select(Sql sql, RowMapper<T> mapper, String what) {
        try {
            return database.read(connection -> {
                try (PreparedStatement statement = sql.prepare(connection); ResultSet rows = statement.executeQuery()) {
                    List<T> found = new ArrayList<>();
                    while (rows.next()) {
                        found.add(mapper.map(rows));
                    }
                    return found;
                }
            });
        } catch (SQLException e) {
            throw new StoreUnavailableException("DuckDB did not read " + what + ": " + e.getMessage(), e);
        }
    }

    /** @param what what is done, for the error, e.g. "save an API key" */
    int update(Sql sql, String what) {
        try {
            return database.write(connection -> {
                try (PreparedStatement statement = sql.prepare(connection)) {
                    return statement.executeUpdate();
                }
            });
        } catch (SQLException e) {
            throw new StoreUnavailableException("DuckDB could not " + what + ": " + e.getMessage(), e);
        }
    }
}
