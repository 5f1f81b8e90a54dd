package app.tax.analytics.adapters.clickhouse;

import app.tax.analytics.application.port.out.StoreUnavailableException;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The reads and writes the stores of the dashboard's items share (sql/migrations/V008): ReplacingMergeTree tables
 * where every save or removal appends a row with a higher version and a read takes each id's newest row.
 */
final class ClickHouseBoardTables {
    private final ClickHouseClient client;
    /** Versions are microseconds since the epoch, strictly increasing within this process. */
    private final AtomicLong lastVersion = new AtomicLong();

    ClickHouseBoardTables(ClickHouseClient client) {
        this.client = Objects.requireNonNull(client);
    }

    @FunctionalInterface
    interface RowMapper<T> {
        T map(ResultSet rows) throws SQLException;
    }

    /**
     * The newest row per id of {@code table}: {@code columns} are
     * named {@code c_<column>} (argMax by version); each of {@code timeColumns} also as {@code ms_<column>}, its epoch
     * milliseconds. The caller adds a WHERE on columns that never change (id, source), then {@link #LIVE}.
     */
    static BoundSql newest(String table, List<String> columns, List<String> timeColumns) {
        StringBuilder sql = new StringBuilder("SELECT id");
        for (String column : columns) {
            sql.append(", argMax(").append(column).append(", version) AS c_").append(column);
        }
        for (String column : timeColumns) {
            sql.append(", toUnixTimestamp64Milli(c_").append(column).append(") AS ms_").append(column);
        }
        sql.append(", argMax(deleted, version) AS c_deleted FROM ").append(table);
        return new BoundSql().add(sql.toString());
    }

    static final String LIVE = " GROUP BY id HAVING c_deleted = 0";

    <T> List<T> select(BoundSql sql, RowMapper<T> mapper) {
        try {
            return client.query(sql, rows -> {
                List<T> items = new ArrayList<>();
                while (rows.next()) {
                    items.add(mapper.map(rows));
                }
                return items;
            });
        } catch (SQLException e) {
            throw new StoreUnavailableException("ClickHouse did not read the dashboard's items: " + e.getMessage(), e);
        }
    }

    void execute(BoundSql sql, String what) {
        try {
            client.execute(sql);
        } catch (SQLException e) {
            throw new StoreUnavailableException("ClickHouse could not " + what + ": " + e.getMessage(), e);
        }
    }

    long nextVersion() {
        long now = Instant.now().toEpochMilli() * 1000;
        return lastVersion.updateAndGet(last -> Math.max(last + 1, now));
    }
}
