package app.tax.analytics.adapters.clickhouse;

import app.tax.analytics.application.port.out.EventStore;
import app.tax.analytics.application.port.out.StatsReader;
import app.tax.analytics.testsupport.contract.IdentityContract;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The shared identity stitching contract on the ClickHouse engine of the test fixture. */
class ClickHouseIdentityTest extends IdentityContract {
    @RegisterExtension
    static final MigratedClickHouse clickHouse = new MigratedClickHouse("identity");

    @Override
    protected EventStore eventStore() {
        return clickHouse.connection().events();
    }

    @Override
    protected StatsReader statsReader() {
        return clickHouse.connection().stats();
    }
}
