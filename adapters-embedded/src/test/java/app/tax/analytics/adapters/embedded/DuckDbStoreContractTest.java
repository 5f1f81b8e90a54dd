package app.tax.analytics.adapters.embedded;

import app.tax.analytics.application.port.out.EventStore;
import app.tax.analytics.application.port.out.StatsReader;
import app.tax.analytics.testsupport.contract.StoreContract;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.io.TempDir;

/** The shared store contract on a DuckDB file. */
class DuckDbStoreContractTest extends StoreContract {
    @TempDir
    Path dataDirs;
    private DuckDbStore store;
    private int generation;

    @Override
    protected EventStore eventStore() {
        return store.events();
    }

    @Override
    protected StatsReader statsReader() {
        return store.stats();
    }

    /** A new, empty database file: the cheapest way to an empty store, and it exercises schema creation. */
    @Override
    protected void truncate() {
        if (store != null) {
            store.close();
        }
        store = EmbeddedAdapters.openDuckDb(dataDirs.resolve("generation-" + generation++));
    }

    @AfterAll
    void closeStore() {
        if (store != null) {
            store.close();
        }
    }
}
