package app.tax.analytics.adapters.embedded;

import app.tax.analytics.application.port.out.ApiKeyStore;
import app.tax.analytics.application.port.out.ShareStore;
import app.tax.analytics.application.port.out.UserStore;
import app.tax.analytics.testsupport.contract.AccessStoreContract;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The API key and share contract on a DuckDB file. */
class DuckDbAccessStoreContractTest extends AccessStoreContract {
    @RegisterExtension
    static final DuckDbUnderTest duckDb = new DuckDbUnderTest();

    @Override
    protected ApiKeyStore apiKeys() {
        return duckDb.store().apiKeys();
    }

    @Override
    protected ShareStore shares() {
        return duckDb.store().shares();
    }

    @Override
    protected UserStore users() {
        return duckDb.store().users();
    }

    /** A new database file: it exercises schema creation too. */
    @Override
    protected void empty() {
        duckDb.renew();
    }
}
