package app.tax.analytics.adapters.clickhouse;

import app.tax.analytics.application.port.out.StoreUnavailableException;
import java.sql.SQLException;
import java.util.List;
import java.util.Objects;

/**
 * The reads and writes the stores of the dashboard's items share (sql/migrations/V008): ReplacingMergeTree tables
 * where every save or removal appends a row with a higher version and a read takes each id's newest row.
 */
final class ClickHouseBoardTables {
    private final ClickHouseClient client;
    private final RowVersions versions = new RowVersions();

    ClickHouseBoardTables(ClickHouseClient client) {
        this.client = Objects.requireNonNull(client);
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

    <T> List<T> select(BoundSql sql, ClickHouseRows.RowMapper<T> mapper) {
        return ClickHouseRows.select(client, sql, mapper, "the dashboard's items");
    }

    void execute(BoundSql sql, String what) {
        try {
            client.execute(sql);
        } catch (SQLException e) {
            throw new StoreUnavailableException("ClickHouse could not " + what + ": " + e.getMessage(), e);
        }
    }

    long nextVersion() {
        return versions.next();
    }
}
