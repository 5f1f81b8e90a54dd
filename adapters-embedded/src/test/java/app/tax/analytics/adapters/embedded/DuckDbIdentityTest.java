package app.tax.analytics.adapters.embedded;

import app.tax.analytics.application.port.out.EventStore;
import app.tax.analytics.application.port.out.StatsReader;
import app.tax.analytics.testsupport.contract.IdentityContract;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The shared identity stitching contract on a DuckDB file. */
class DuckDbIdentityTest extends IdentityContract {
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
}
