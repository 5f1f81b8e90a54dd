package app.tax.analytics.adapters.clickhouse;

import app.tax.analytics.application.port.out.EventStore;
import app.tax.analytics.application.port.out.StatsReader;
import app.tax.analytics.testsupport.contract.IdentityContract;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** The shared identity stitching contract on the ClickHouse engine of the test fixture. */
class ClickHouseIdentityTest extends IdentityContract {
    private ClickHouseTestDatabase database;

    @BeforeAll
    void migrate() {
        database = ClickHouseTestDatabase.migrated("identity");
    }

    @AfterAll
    void dropDatabase() {
        if (database != null) {
            database.close();
        }
    }

    @Override
    protected EventStore eventStore() {
        return database.connection.events();
    }

    @Override
    protected StatsReader statsReader() {
        return database.connection.stats();
    }
}
