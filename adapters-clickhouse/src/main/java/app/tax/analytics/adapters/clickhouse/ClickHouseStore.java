package app.tax.analytics.adapters.clickhouse;

import app.tax.analytics.application.port.out.EventStore;
import app.tax.analytics.application.port.out.StatsReader;
import app.tax.analytics.application.port.out.UserStore;
import app.tax.analytics.querymodel.SqlStatsReader;

/** The ports on one shared driver connection. */
record ClickHouseStore(ClickHouseClient client, EventStore events, StatsReader stats, UserStore users)
        implements ClickHouseConnection {

    static ClickHouseStore on(ClickHouseClient client) {
        return new ClickHouseStore(client, new ClickHouseEventStore(client),
                new SqlStatsReader("ClickHouse", ClickHouseDialect.INSTANCE, (sql, reader) -> client.query(BoundSql.of(sql), reader::read)),
                new ClickHouseUserStore(client));
    }

    @Override
    public boolean isReady() {
        return client.isReachable();
    }

    @Override
    public void close() {
        client.close();
    }
}
