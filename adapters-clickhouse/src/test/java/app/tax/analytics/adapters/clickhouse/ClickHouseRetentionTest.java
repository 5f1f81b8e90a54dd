package app.tax.analytics.adapters.clickhouse;

import app.tax.analytics.application.port.out.EventStore;
import app.tax.analytics.application.port.out.StatsReader;
import app.tax.analytics.testsupport.contract.RetentionContract;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The shared retention contract on the ClickHouse engine of the test fixture. */
class ClickHouseRetentionTest extends RetentionContract {
    @RegisterExtension
    static final MigratedClickHouse clickHouse = new MigratedClickHouse("retention");

    @Override
    protected EventStore eventStore() {
        return clickHouse.connection().events();
    }

    @Override
    protected StatsReader statsReader() {
        return clickHouse.connection().stats();
    }
}
