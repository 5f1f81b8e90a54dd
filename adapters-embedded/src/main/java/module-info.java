/**
 * The single-process default: an in-process queue, in-memory session state and rate limiter, and a
 * DuckDB file as event store, stats reader and user store. Only the factory {@code EmbeddedAdapters} and the
 * types it returns ({@code EmbeddedQueue}, {@code DiskQueue}, {@code DuckDbStore}, ...) are public; the
 * implementations stay package-private.
 */
module app.tax.analytics.adapters.embedded {
    requires app.tax.analytics.application;
    requires app.tax.analytics.querymodel;
    requires java.sql;
    // the driver jar's Automatic-Module-Name
    requires duckdb.jdbc;
    requires com.fasterxml.jackson.databind;

    exports app.tax.analytics.adapters.embedded;
}
