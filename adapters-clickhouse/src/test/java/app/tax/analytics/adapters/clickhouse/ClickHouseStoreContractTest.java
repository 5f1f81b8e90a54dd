package app.tax.analytics.adapters.clickhouse;

import app.tax.analytics.application.port.out.EventStore;
import app.tax.analytics.application.port.out.StatsReader;
import app.tax.analytics.testsupport.contract.StoreContract;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** The shared store contract, unchanged, on the ClickHouse engine of the test fixture. */
class ClickHouseStoreContractTest extends StoreContract {
    private ClickHouseTestDatabase database;

    @BeforeAll
    void migrate() {
        database = ClickHouseTestDatabase.migrated("contract");
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

    /**
     * Empties the tables. The deduplication window remembers the tokens of earlier inserts even after a
     * TRUNCATE, and the contract writes its dataset again with the same tokens: a new database per
     * write keeps each round independent.
     */
    @Override
    protected void truncate() {
        if (database != null) {
            database.close();
        }
        database = ClickHouseTestDatabase.migrated("contract");
    }
}
