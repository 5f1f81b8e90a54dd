package app.tax.analytics.adapters.embedded;

import app.tax.analytics.application.port.out.ApiKeyStore;
import app.tax.analytics.application.port.out.ShareStore;
import app.tax.analytics.application.port.out.UserStore;
import app.tax.analytics.testsupport.contract.AccessStoreContract;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.io.TempDir;

/** The API key and share contract on a DuckDB file. */
class DuckDbAccessStoreContractTest extends AccessStoreContract {
    @TempDir
    Path dataDirs;
    private DuckDbStore store;
    private int generation;

    @Override
    protected ApiKeyStore apiKeys() {
        return store.apiKeys();
    }

    @Override
    protected ShareStore shares() {
        return store.shares();
    }

    @Override
    protected UserStore users() {
        return store.users();
    }

    /** A new database file: it exercises schema creation too. */
    @Override
    protected void empty() {
        closeStore();
        store = EmbeddedAdapters.openDuckDb(dataDirs.resolve("generation-" + generation++));
    }

    @AfterAll
    void closeStore() {
        if (store != null) {
            store.close();
        }
    }
}
