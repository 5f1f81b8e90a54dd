package app.tax.analytics.adapters.clickhouse;

import app.tax.analytics.application.port.out.StoreUnavailableException;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/** Reads of the small tables (keys, shares, the dashboard's items): SQL failures become {@link StoreUnavailableException}s. */
final class ClickHouseRows {
    private ClickHouseRows() {
    }

    /** One row of a result as a domain value. */
    @FunctionalInterface
    interface RowMapper<T> {
        T map(ResultSet rows) throws SQLException;
    }

    /** @param what what is read, for the error, e.g. "api_keys" */
    static <T> List<T> select(ClickHouseClient client, BoundSql sql, RowMapper<T> mapper, String what) {
        try {
            return client.query(sql, rows -> {
                List<T> found = new ArrayList<>();
                while (rows.next()) {
                    found.add(mapper.map(rows));
                }
                return found;
            });
        } catch (SQLException e) {
            throw new StoreUnavailableException("ClickHouse did not read " + what + ": " + e.getMessage(), e);
        }
    }
}
