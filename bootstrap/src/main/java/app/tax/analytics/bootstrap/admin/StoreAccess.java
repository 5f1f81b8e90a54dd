package app.tax.analytics.bootstrap.admin;

import app.tax.analytics.adapters.clickhouse.ClickHouseAdapters;
import app.tax.analytics.adapters.clickhouse.ClickHouseConnection;
import app.tax.analytics.adapters.embedded.DuckDbStore;
import app.tax.analytics.adapters.embedded.EmbeddedAdapters;
import app.tax.analytics.application.port.out.EventStore;
import app.tax.analytics.application.port.out.UserStore;
import app.tax.analytics.bootstrap.config.ClickHouseOptions;
import app.tax.analytics.bootstrap.config.ConfigurationException;
import app.tax.analytics.bootstrap.config.StorageOptions;
import picocli.CommandLine.Mixin;

/**
 * The store the administrative commands act on: ClickHouse when {@code CLICKHOUSE_HOST} is set,
 * otherwise the embedded DuckDB under {@code DATA_DIR} (which only one process may open at a time).
 */
public final class StoreAccess {
    @Mixin
    ClickHouseOptions clickhouse;
    @Mixin
    StorageOptions storage;

    /** An open store; close it after use. */
    public record OpenStore(UserStore users, EventStore events, Runnable closer) implements AutoCloseable {
        @Override
        public void close() {
            closer.run();
        }
    }

    public OpenStore open() {
        if (clickhouse.isConfigured()) {
            ClickHouseConnection connection = ClickHouseAdapters.connect(clickhouse.settings());
            return new OpenStore(connection.users(), connection.events(), connection::close);
        }
        DuckDbStore duckDb;
        try {
            duckDb = EmbeddedAdapters.openDuckDb(storage.dataDir(), storage.duckDbLimits());
        } catch (RuntimeException e) {
            throw new ConfigurationException("cannot open the embedded store in DATA_DIR " + storage.dataDir()
                    + " (is `analytics all` running on it? stop it, or use the dashboard's admin API): " + e.getMessage());
        }
        return new OpenStore(duckDb.users(), duckDb.events(), duckDb::close);
    }
}
