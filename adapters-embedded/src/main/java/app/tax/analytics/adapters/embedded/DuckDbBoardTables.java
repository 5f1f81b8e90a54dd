package app.tax.analytics.adapters.embedded;

import app.tax.analytics.application.port.out.StoreUnavailableException;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The dashboard's own small tables in the DuckDB file (annotations, saved views, report schedules; their ClickHouse
 * twins are sql/migrations/V008), one row per item keyed by its id, and the reads and writes their stores share.
 */
final class DuckDbBoardTables {
    static final List<String> CREATE_TABLES = List.of("""
            CREATE TABLE IF NOT EXISTS annotations (
              id VARCHAR PRIMARY KEY,
              source VARCHAR NOT NULL,
              occurred_at TIMESTAMP NOT NULL,
              kind VARCHAR NOT NULL,
              text VARCHAR NOT NULL,
              created_by VARCHAR NOT NULL
            )""", """
            CREATE TABLE IF NOT EXISTS saved_views (
              id VARCHAR PRIMARY KEY,
              source VARCHAR NOT NULL,
              kind VARCHAR NOT NULL,
              name VARCHAR NOT NULL,
              filters VARCHAR NOT NULL,
              steps JSON NOT NULL,
              window_minutes BIGINT NOT NULL,
              created_by VARCHAR NOT NULL,
              created_at TIMESTAMP NOT NULL
            )""", """
            CREATE TABLE IF NOT EXISTS report_schedules (
              id VARCHAR PRIMARY KEY,
              source VARCHAR NOT NULL,
              period VARCHAR NOT NULL,
              recipients JSON NOT NULL,
              created_by VARCHAR NOT NULL,
              created_at TIMESTAMP NOT NULL,
              last_sent VARCHAR NOT NULL
            )""");
    private final DuckDbDatabase database;

    DuckDbBoardTables(DuckDbDatabase database) {
        this.database = Objects.requireNonNull(database);
    }

    static long micros(Instant at) {
        return Math.multiplyExact(at.toEpochMilli(), 1000L);
    }

    @FunctionalInterface
    interface RowMapper<T> {
        T map(ResultSet rows) throws SQLException;
    }

    <T> List<T> select(Sql sql, RowMapper<T> mapper) {
        try {
            return database.read(connection -> {
                try (PreparedStatement statement = sql.prepare(connection); ResultSet rows = statement.executeQuery()) {
                    List<T> items = new ArrayList<>();
                    while (rows.next()) {
                        items.add(mapper.map(rows));
                    }
                    return items;
                }
            });
        } catch (SQLException e) {
            throw new StoreUnavailableException("DuckDB did not read the dashboard's items: " + e.getMessage(), e);
        }
    }

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
