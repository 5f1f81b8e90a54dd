package app.tax.analytics.adapters.clickhouse;

import app.tax.analytics.testsupport.clickhouse.ClickHouseFixture;
import java.sql.SQLException;
import java.util.Map;

/** A migrated database of its own on the shared test engine, with a raw client for test set-up. */
final class ClickHouseTestDatabase implements AutoCloseable {
    final ClickHouseFixture fixture;
    final ClickHouseSettings settings;
    final ClickHouseConnection connection;
    final ClickHouseClient client;

    private ClickHouseTestDatabase(ClickHouseFixture fixture, ClickHouseSettings settings) {
        this.fixture = fixture;
        this.settings = settings;
        this.connection = ClickHouseAdapters.connect(settings);
        this.client = new ClickHouseClient(settings, settings.database());
    }

    /** A new, migrated database (no retention, no database users). */
    static ClickHouseTestDatabase migrated(String purpose) {
        ClickHouseTestDatabase database = new ClickHouseTestDatabase(ClickHouseFixture.shared(), settings(purpose));
        ClickHouseMigrations.migrate(database.settings, Map.of());
        return database;
    }

    /** A test handle on a database that migrate created; closing it drops the database. */
    static ClickHouseTestDatabase existing(ClickHouseSettings settings) {
        return new ClickHouseTestDatabase(ClickHouseFixture.shared(), settings);
    }

    /** The shared engine, skipping the calling test when it manages users (that case has its own test). */
    static ClickHouseFixture fixtureAssumingNoAccessControl() {
        ClickHouseFixture fixture = ClickHouseFixture.shared();
        org.junit.jupiter.api.Assumptions.assumeFalse(fixture.hasAccessControl(),
                "this engine manages users; ClickHouseGrantsTest covers it");
        return fixture;
    }

    /** Settings for a database of its own, not created yet. */
    static ClickHouseSettings settings(String purpose) {
        ClickHouseFixture fixture = ClickHouseFixture.shared();
        return new ClickHouseSettings(fixture.host(), fixture.port(), fixture.newDatabase(purpose), fixture.user(),
                fixture.password(), fixture.options());
    }

    long count(String sql) {
        try {
            return client.query(new BoundSql().add(sql), rows -> {
                rows.next();
                return rows.getLong(1);
            });
        } catch (SQLException e) {
            throw new IllegalStateException(sql + ": " + e.getMessage(), e);
        }
    }

    void execute(String sql) {
        try {
            client.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException(sql + ": " + e.getMessage(), e);
        }
    }

    /** Drops the database and closes the connections. */
    @Override
    public void close() {
        try {
            execute("DROP DATABASE IF EXISTS " + settings.database());
        } finally {
            connection.close();
            client.close();
        }
    }
}
