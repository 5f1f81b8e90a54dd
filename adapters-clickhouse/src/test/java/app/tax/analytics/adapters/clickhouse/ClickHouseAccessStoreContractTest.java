package app.tax.analytics.adapters.clickhouse;

import app.tax.analytics.application.port.out.ApiKeyStore;
import app.tax.analytics.application.port.out.ShareStore;
import app.tax.analytics.application.port.out.UserStore;
import app.tax.analytics.testsupport.contract.AccessStoreContract;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** The API key and share contract on the ClickHouse engine of the test fixture (tables of V005). */
class ClickHouseAccessStoreContractTest extends AccessStoreContract {
    private ClickHouseTestDatabase database;

    @BeforeAll
    void migrate() {
        database = ClickHouseTestDatabase.migrated("access");
    }

    @AfterAll
    void dropDatabase() {
        if (database != null) {
            database.close();
        }
    }

    @Override
    protected ApiKeyStore apiKeys() {
        return database.connection.apiKeys();
    }

    @Override
    protected ShareStore shares() {
        return database.connection.shares();
    }

    @Override
    protected UserStore users() {
        return database.connection.users();
    }

    @Override
    protected void empty() {
        database.execute("TRUNCATE TABLE api_keys");
        database.execute("TRUNCATE TABLE dashboard_shares");
        database.execute("TRUNCATE TABLE dashboard_users");
    }
}
