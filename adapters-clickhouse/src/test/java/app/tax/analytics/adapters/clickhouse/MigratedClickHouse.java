package app.tax.analytics.adapters.clickhouse;

import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * The migrated database of the ClickHouse fixture a contract test runs on: made before the class's tests,
 * {@link #renew renewed} when the contract wants a new one, dropped after them.
 * Register it on a static field with {@code @RegisterExtension}.
 */
final class MigratedClickHouse implements BeforeAllCallback, AfterAllCallback {
    private final String purpose;
    private ClickHouseTestDatabase database;

    /** @param purpose what the database is for, part of its name (see {@link ClickHouseTestDatabase#settings}) */
    MigratedClickHouse(String purpose) {
        this.purpose = purpose;
    }

    ClickHouseTestDatabase database() {
        return database;
    }

    ClickHouseConnection connection() {
        return database.connection;
    }

    void renew() {
        drop();
        database = ClickHouseTestDatabase.migrated(purpose);
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        database = ClickHouseTestDatabase.migrated(purpose);
    }

    @Override
    public void afterAll(ExtensionContext context) {
        drop();
    }

    private void drop() {
        if (database != null) {
            database.close();
            database = null;
        }
    }
}
