package app.tax.analytics.adapters.clickhouse;

import app.tax.analytics.application.port.out.AnnotationStore;
import app.tax.analytics.application.port.out.EventStore;
import app.tax.analytics.application.port.out.ReportScheduleStore;
import app.tax.analytics.application.port.out.SavedViewStore;
import app.tax.analytics.application.port.out.StatsReader;
import app.tax.analytics.application.port.out.ApiKeyStore;
import app.tax.analytics.application.port.out.ShareStore;
import app.tax.analytics.application.port.out.UserStore;
import java.util.List;

/** The ports served by one ClickHouse server; close it to release the driver's HTTP connections. */
public interface ClickHouseConnection extends AutoCloseable {
    EventStore events();

    StatsReader stats();

    UserStore users();

    ApiKeyStore apiKeys();

    ShareStore shares();
    /** Notes and release markers on the chart. */
    AnnotationStore annotations();

    /** Saved segments and funnels. */
    SavedViewStore savedViews();

    /** E-mail report schedules. */
    ReportScheduleStore reportSchedules();

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
