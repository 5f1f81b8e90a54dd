package app.tax.analytics.adapters.embedded;

import app.tax.analytics.application.port.out.AnnotationStore;
import app.tax.analytics.application.port.out.EventStore;
import app.tax.analytics.application.port.out.ReportScheduleStore;
import app.tax.analytics.application.port.out.SavedViewStore;
import app.tax.analytics.testsupport.contract.BoardStoreContract;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.io.TempDir;

/** The contract of the dashboard's items on a DuckDB file. */
class DuckDbBoardStoreContractTest extends BoardStoreContract {
    @TempDir
    Path dataDirs;
    private DuckDbStore store;
    private int generation;

    @Override
    protected AnnotationStore annotations() {
        return store.annotations();
    }

    @Override
    protected SavedViewStore savedViews() {
        return store.savedViews();
    }

    @Override
    protected ReportScheduleStore reportSchedules() {
        return store.reportSchedules();
    }

    @Override
    protected EventStore eventStore() {
        return store.events();
    }

    @Override
    protected void empty() {
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
