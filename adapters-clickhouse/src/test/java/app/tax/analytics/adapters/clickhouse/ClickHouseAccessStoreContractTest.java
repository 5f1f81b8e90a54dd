package app.tax.analytics.adapters.clickhouse;

import app.tax.analytics.application.port.out.ApiKeyStore;
import app.tax.analytics.application.port.out.ShareStore;
import app.tax.analytics.application.port.out.UserStore;
import app.tax.analytics.testsupport.contract.AccessStoreContract;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The API key and share contract on the ClickHouse engine of the test fixture (tables of V005). */
class ClickHouseAccessStoreContractTest extends AccessStoreContract {
    @RegisterExtension
    static final MigratedClickHouse clickHouse = new MigratedClickHouse("access");

    @Override
    protected ApiKeyStore apiKeys() {
        return clickHouse.connection().apiKeys();
    }

    @Override
    protected ShareStore shares() {
        return clickHouse.connection().shares();
    }

    @Override
    protected UserStore users() {
        return clickHouse.connection().users();
    }

    @Override
    protected void empty() {
        clickHouse.database().execute("TRUNCATE TABLE api_keys");
        clickHouse.database().execute("TRUNCATE TABLE dashboard_shares");
        clickHouse.database().execute("TRUNCATE TABLE dashboard_users");
    }
}
