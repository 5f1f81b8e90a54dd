package app.tax.analytics.adapters.http;

/** A started HTTP server; closing it stops it. */
public interface RunningServer extends AutoCloseable {

    /** The port it listens on (the one picked when it was started with port 0). */
    int port();

    @Override
    void close();
}
