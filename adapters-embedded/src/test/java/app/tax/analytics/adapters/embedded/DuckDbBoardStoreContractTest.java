package app.tax.analytics.adapters.embedded;

import app.tax.analytics.application.port.out.AnnotationStore;
import app.tax.analytics.application.port.out.EventStore;
import app.tax.analytics.application.port.out.ReportScheduleStore;
import app.tax.analytics.application.port.out.SavedViewStore;
import app.tax.analytics.testsupport.contract.BoardStoreContract;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The contract of the dashboard's items on a DuckDB file. */
class DuckDbBoardStoreContractTest extends BoardStoreContract {
    @RegisterExtension
    static final DuckDbUnderTest duckDb = new DuckDbUnderTest();

    @Override
    protected AnnotationStore annotations() {
        return duckDb.store().annotations();
    }

    @Override
    protected SavedViewStore savedViews() {
        return duckDb.store().savedViews();
    }

    @Override
    protected ReportScheduleStore reportSchedules() {
        return duckDb.store().reportSchedules();
    }

    @Override
    protected EventStore eventStore() {
        return duckDb.store().events();
    }

    @Override
    protected void empty() {
        duckDb.renew();
    }
}
