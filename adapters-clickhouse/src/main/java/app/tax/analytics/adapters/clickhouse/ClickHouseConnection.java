package app.tax.analytics.adapters.clickhouse;

import app.tax.analytics.application.port.out.EventStore;
import app.tax.analytics.application.port.out.StatsReader;
import app.tax.analytics.application.port.out.UserStore;

/** The ports served by one ClickHouse server; close it to release the driver's HTTP connections. */
public interface ClickHouseConnection extends AutoCloseable {
    EventStore events();

    StatsReader stats();

    UserStore users();

    /** Whether the server answers (for {@code /health/ready}). */
    boolean isReady();

    @Override
    void close();
}
