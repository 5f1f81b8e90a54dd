package app.tax.analytics.adapters.embedded;

import app.tax.analytics.application.port.out.AnnotationStore;
import app.tax.analytics.application.port.out.EventStore;
import app.tax.analytics.application.port.out.ReportScheduleStore;
import app.tax.analytics.application.port.out.SavedViewStore;
import app.tax.analytics.application.port.out.StatsReader;
import app.tax.analytics.application.port.out.ApiKeyStore;
import app.tax.analytics.application.port.out.ShareStore;
import app.tax.analytics.application.port.out.UserStore;

/** One DuckDB database file serving the storage ports; close it once, when the process stops. */
public interface DuckDbStore extends AutoCloseable {
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

    /** Closes every connection; the file is checkpointed and may then be opened by another process. */
    @Override
    void close();
}
