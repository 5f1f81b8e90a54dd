package app.tax.analytics.adapters.clickhouse;

import app.tax.analytics.application.port.out.AnnotationStore;
import app.tax.analytics.application.port.out.EventStore;
import app.tax.analytics.application.port.out.ReportScheduleStore;
import app.tax.analytics.application.port.out.SavedViewStore;
import app.tax.analytics.testsupport.contract.BoardStoreContract;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The contract of the dashboard's items on the ClickHouse engine of the test fixture, on the V008 tables. */
class ClickHouseBoardStoreContractTest extends BoardStoreContract {
    @RegisterExtension
    static final MigratedClickHouse clickHouse = new MigratedClickHouse("board");

    @Override
    protected AnnotationStore annotations() {
        return clickHouse.connection().annotations();
    }

    @Override
    protected SavedViewStore savedViews() {
        return clickHouse.connection().savedViews();
    }

    @Override
    protected ReportScheduleStore reportSchedules() {
        return clickHouse.connection().reportSchedules();
    }

    @Override
    protected EventStore eventStore() {
        return clickHouse.connection().events();
    }

    /** Empties the item tables; the events table keeps what earlier tests wrote, which these tests never read. */
    @Override
    protected void empty() {
        for (String table : java.util.List.of("annotations", "saved_views", "report_schedules")) {
            try {
                clickHouse.database().client.execute("TRUNCATE TABLE " + table);
            } catch (java.sql.SQLException e) {
                throw new IllegalStateException(e);
            }
        }
    }
}
