package app.tax.analytics.adapters.embedded;

import app.tax.analytics.application.port.out.StoragePorts;

/** One DuckDB database file serving the storage ports; close it once, when the process stops. */
public interface DuckDbStore extends StoragePorts {
    /** Closes every connection; the file is checkpointed and may then be opened by another process. */
    @Override
    void close();
}
