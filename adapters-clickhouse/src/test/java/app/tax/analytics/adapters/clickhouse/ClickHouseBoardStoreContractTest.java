package app.tax.analytics.adapters.clickhouse;

import app.tax.analytics.application.port.out.AnnotationStore;
import app.tax.analytics.application.port.out.EventStore;
import app.tax.analytics.application.port.out.ReportScheduleStore;
import app.tax.analytics.application.port.out.SavedViewStore;
import app.tax.analytics.testsupport.contract.BoardStoreContract;
import org.junit.jupiter.api.AfterAll;

/** The contract of the dashboard's items on the ClickHouse engine of the test fixture, on the V008 tables. */
class ClickHouseBoardStoreContractTest extends BoardStoreContract {
    private ClickHouseTestDatabase database;

    @Override
    protected AnnotationStore annotations() {
        return database.connection.annotations();
    }

    @Override
    protected SavedViewStore savedViews() {
        return database.connection.savedViews();
    }

    @Override
    protected ReportScheduleStore reportSchedules() {
        return database.connection.reportSchedules();
    }

    @Override
    protected EventStore eventStore() {
        return database.connection.events();
    }

    /** Empties the item tables; the events table keeps what earlier tests wrote, which these tests never read. */
    @Override
    protected void empty() {
        if (database == null) {
            database = ClickHouseTestDatabase.migrated("board");
        }
        for (String table : java.util.List.of("annotations", "saved_views", "report_schedules")) {
            try {
                database.client.execute("TRUNCATE TABLE " + table);
            } catch (java.sql.SQLException e) {
                throw new IllegalStateException(e);
            }
        }
    }

    @AfterAll
    void dropDatabase() {
        if (database != null) {
            database.close();
        }
    }
}
