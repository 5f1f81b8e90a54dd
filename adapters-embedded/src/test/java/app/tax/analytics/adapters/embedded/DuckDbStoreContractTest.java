package app.tax.analytics.adapters.embedded;

import app.tax.analytics.application.port.out.EventStore;
import app.tax.analytics.application.port.out.StatsReader;
import app.tax.analytics.testsupport.contract.StoreContract;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The shared store contract on a DuckDB file. */
class DuckDbStoreContractTest extends StoreContract {
    @RegisterExtension
    static final DuckDbUnderTest duckDb = new DuckDbUnderTest();

    @Override
    protected EventStore eventStore() {
        return duckDb.store().events();
    }

    @Override
    protected StatsReader statsReader() {
        return duckDb.store().stats();
    }

    /** A new, empty database file: the cheapest way to an empty store, and it exercises schema creation. */
    @Override
    protected void truncate() {
        duckDb.renew();
    }
}
