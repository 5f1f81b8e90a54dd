package app.tax.analytics.adapters.clickhouse;

import app.tax.analytics.application.port.out.StoreUnavailableException;
import java.sql.SQLException;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * A small ReplacingMergeTree(version) table read by id (V005: api_keys, dashboard_shares): each save or removal
 * appends a row with a higher version, {@code deleted = 1} marks a removal, and reads take each id's newest row,
 * so they are exact before any merge and on every dashboard instance.
 */
final class VersionedRows {
    private final ClickHouseClient client;
    private final String table;
    /** What a row holds, as {@code argMax(column, version) AS column} selections. */
    private final String newest;
    private final RowVersions versions = new RowVersions();

    /** @param columns the columns besides id, version and deleted; created_at among them */
    VersionedRows(ClickHouseClient client, String table, List<String> columns) {
        this.client = Objects.requireNonNull(client);
        this.table = Objects.requireNonNull(table);
        StringBuilder select = new StringBuilder("SELECT id");
        for (String column : columns) {
            // created_at (every such table has it) is read as epoch milliseconds, as the rows are ordered by it
            String newestValue = "argMax(" + column + ", version)";
            select.append(", ").append(column.equals("created_at") ? "toUnixTimestamp64Milli(" + newestValue + ")" : newestValue)
                    .append(" AS current_").append(column);
        }
        this.newest = select.append(", argMax(deleted, version) AS current_deleted FROM ").append(table).toString();
    }

    <T> List<T> select(String id, ClickHouseRows.RowMapper<T> mapper) {
        BoundSql sql = new BoundSql().add(newest);
        if (id != null) {
            sql.add(" WHERE id = ").text(id);
        }
        sql.add(" GROUP BY id HAVING current_deleted = 0 ORDER BY current_created_at, id");
        return ClickHouseRows.select(client, sql, mapper, table);
    }

    /**
     * Appends a row of {@code id}: {@code values} adds the bound values of the columns besides id, version and
     * deleted, separated by {@code ", "}, in the order of {@code columnList}.
     */
    void append(String id, String columnList, Consumer<BoundSql> values, boolean deleted) {
        BoundSql sql = new BoundSql().add("INSERT INTO " + table + " (id, " + columnList + ", version, deleted) SELECT ")
                .text(id).add(", ");
        values.accept(sql);
        sql.add(", ").integer("UInt64", versions.next()).add(", ").integer("UInt8", deleted ? 1 : 0);
        try {
            client.execute(sql);
        } catch (SQLException e) {
            throw new StoreUnavailableException("ClickHouse did not write " + table + ": " + e.getMessage(), e);
        }
    }
}
