package app.tax.analytics.application.port.in;

/** Deletes events older than the retention period ({@code RETENTION_DAYS}). */
public interface EnforceRetention {
    /** Runs once; safe to repeat. */
    void enforce();
}
