package app.tax.analytics.adapters.clickhouse;

import app.tax.analytics.application.port.out.EventStore;
import app.tax.analytics.application.port.out.StatsReader;
import app.tax.analytics.testsupport.contract.StoreContract;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The shared store contract, unchanged, on the ClickHouse engine of the test fixture. */
class ClickHouseStoreContractTest extends StoreContract {
    @RegisterExtension
    static final MigratedClickHouse clickHouse = new MigratedClickHouse("contract");

    @Override
    protected EventStore eventStore() {
        return clickHouse.connection().events();
    }

    @Override
    protected StatsReader statsReader() {
        return clickHouse.connection().stats();
    }

    /**
     * Empties the tables. The deduplication window remembers the tokens of earlier inserts even after a
     * TRUNCATE, and the contract writes its dataset again with the same tokens: a new database per
     * write keeps each round independent.
     */
    @Override
    protected void truncate() {
        clickHouse.renew();
    }
}
