package app.tax.analytics.adapters.clickhouse;

/** Creates the ClickHouse adapters; the only way in for the bootstrap. */
public final class ClickHouseAdapters {
    private ClickHouseAdapters() {
    }

    /**
     * Opens a connection to the server (the tables must exist: run {@link ClickHouseMigrations#migrate}).
     * Does not fail when the server is down: calls then throw
     * {@link app.tax.analytics.application.port.out.StoreUnavailableException} and {@code isReady()} is false
     * until it is back.
     */
    public static ClickHouseConnection connect(ClickHouseSettings settings) {
        ClickHouseClient client = new ClickHouseClient(settings, settings.database());
        return ClickHouseStore.on(client, settings.cluster());
    }
}
