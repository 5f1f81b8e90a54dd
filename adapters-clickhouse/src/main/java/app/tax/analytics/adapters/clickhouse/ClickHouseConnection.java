package app.tax.analytics.adapters.clickhouse;

import app.tax.analytics.application.port.out.StoragePorts;
import java.util.List;

/** The ports served by one ClickHouse server; close it to release the driver's HTTP connections. */
public interface ClickHouseConnection extends StoragePorts {
    /**
     * The server's disks ({@code system.disks}), for the disk-usage metric.
     *
     * @throws app.tax.analytics.application.port.out.StoreUnavailableException when the server does not answer
     *         or the account may not read {@code system.disks}
     */
    List<ClickHouseDisk> disks();

    /** Whether the server answers (for {@code /health/ready}). */
    boolean isReady();

    @Override
    void close();
}
