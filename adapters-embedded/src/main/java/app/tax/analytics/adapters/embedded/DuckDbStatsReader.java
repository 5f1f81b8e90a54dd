package app.tax.analytics.adapters.embedded;

import app.tax.analytics.application.port.out.StatsReader;
import app.tax.analytics.application.port.out.StoreUnavailableException;
import app.tax.analytics.querymodel.Sql;
import app.tax.analytics.querymodel.SqlStatsReader;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Objects;

/**
 * {@link StatsReader} on DuckDB: the shared queries of the query model ({@link DuckDbDialect}), run on
 * the database's reader connections.
 */
final class DuckDbStatsReader extends SqlStatsReader {
    private final DuckDbDatabase database;

    DuckDbStatsReader(DuckDbDatabase database) {
        super(DuckDbDialect.INSTANCE);
        this.database = Objects.requireNonNull(database);
    }

    @Override
    protected <T> T query(Sql sql, RowsReader<T> reader) {
        try {
            return database.read(connection -> {
                try (PreparedStatement statement = DuckDbDialect.prepare(connection, sql); ResultSet rows = statement.executeQuery()) {
                    return reader.read(rows);
                }
            });
        } catch (SQLException e) {
            throw new StoreUnavailableException("DuckDB did not answer a stats query: " + e.getMessage(), e);
        }
    }
}
