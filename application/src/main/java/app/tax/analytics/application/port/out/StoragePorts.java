package app.tax.analytics.application.port.out;

/**
 * Every storage port one store serves, DuckDB embedded or ClickHouse in production, so that the wiring takes
 * them from one place whichever store it opened. Closing it releases the store's connections.
 */
public interface StoragePorts extends AutoCloseable {
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

    @Override
    void close();
}
