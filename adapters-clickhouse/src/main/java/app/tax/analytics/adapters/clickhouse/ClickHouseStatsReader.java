package app.tax.analytics.adapters.clickhouse;

import app.tax.analytics.application.port.out.StatsReader;
import app.tax.analytics.application.port.out.StoreUnavailableException;
import app.tax.analytics.querymodel.Sql;
import app.tax.analytics.querymodel.SqlStatsReader;
import java.sql.SQLException;
import java.util.Objects;

/**
 * {@link StatsReader} on ClickHouse: the shared queries of the query model ({@link ClickHouseDialect}),
 * every value a server-side parameter.
 */
final class ClickHouseStatsReader extends SqlStatsReader {
    private final ClickHouseClient client;

    ClickHouseStatsReader(ClickHouseClient client) {
        super(ClickHouseDialect.INSTANCE);
        this.client = Objects.requireNonNull(client);
    }

    @Override
    protected <T> T query(Sql sql, RowsReader<T> reader) {
        try {
            return client.query(BoundSql.of(sql), reader::read);
        } catch (SQLException e) {
            throw new StoreUnavailableException("ClickHouse did not answer a stats query: " + e.getMessage(), e);
        }
    }
}
