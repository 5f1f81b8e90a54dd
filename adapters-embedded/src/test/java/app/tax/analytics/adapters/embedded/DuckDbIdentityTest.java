package app.tax.analytics.adapters.embedded;

import app.tax.analytics.application.port.out.EventStore;
import app.tax.analytics.application.port.out.StatsReader;
import app.tax.analytics.testsupport.contract.IdentityContract;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;

/** The shared identity stitching contract on a DuckDB file. */
class DuckDbIdentityTest extends IdentityContract {
    @TempDir
    static Path dataDir;
    private DuckDbStore store;

    @BeforeAll
    void open() {
        store = EmbeddedAdapters.openDuckDb(dataDir);
    }

    @AfterAll
    void close() {
        store.close();
    }

    @Override
    protected EventStore eventStore() {
        return store.events();
    }

    @Override
    protected StatsReader statsReader() {
        return store.stats();
    }
}
