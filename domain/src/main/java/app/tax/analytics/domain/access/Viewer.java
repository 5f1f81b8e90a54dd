package app.tax.analytics.domain.access;

/**
 * Who reads statistics: a signed-in account, an API key or a shared link. Each may be limited to some
 * sources and to breakdown rows of at least {@link #minVisitors()} visitors (small-count protection).
 */
public interface Viewer {
    boolean maySee(String source);

    /** Breakdown rows with fewer visitors than this are suppressed; 0: no limit. */
    default int minVisitors() {
        return 0;
    }
}
