package app.tax.analytics.adapters.clickhouse;

import app.tax.analytics.application.port.out.EventStore;
import app.tax.analytics.application.port.out.StatsReader;
import app.tax.analytics.application.port.out.UserStore;

/** The ports on one shared driver connection. */
final class ClickHouseStore implements ClickHouseConnection {
    private final ClickHouseClient client;
    private final ClickHouseEventStore events;
    private final ClickHouseStatsReader stats;
    private final ClickHouseUserStore users;

    ClickHouseStore(ClickHouseClient client) {
        this.client = client;
        this.events = new ClickHouseEventStore(client);
        this.stats = new ClickHouseStatsReader(client);
        this.users = new ClickHouseUserStore(client);
    }

    @Override
    public EventStore events() {
        return events;
    }

    @Override
    public StatsReader stats() {
        return stats;
    }

    @Override
    public UserStore users() {
        return users;
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
