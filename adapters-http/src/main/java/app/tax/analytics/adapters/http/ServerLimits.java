package app.tax.analytics.adapters.http;

import java.time.Duration;

/**
 * Bounds every server applies to its clients (issue 10, 1). Bodies are read without holding a thread
 * ({@link BodyPrefetch}), so slow clients cost a connection and a bounded buffer, not one of the threads that
 * answer health checks and sign-ins.
 */
final class ServerLimits {
    /** Request threads: enough for the blocking queue and store calls of a busy instance, bounded in memory. */
    static final int MAX_THREADS = 200;
    static final int MIN_THREADS = 8;
    /** Requests waiting for a thread beyond this are refused (their connection closed) instead of piling up. */
    static final int MAX_QUEUED_REQUESTS = 5_000;
    /** A connection silent this long is closed (also while a body or the next keep-alive request is awaited). */
    static final Duration IDLE_TIMEOUT = Duration.ofSeconds(30);
    /** Longest a request body may take to arrive in full; slower ones get 408 and lose their connection. */
    static final Duration BODY_DEADLINE = Duration.ofSeconds(10);
    /** Bytes per second a body must keep up once it has started (Jetty answers 408 below it). */
    static final long MIN_REQUEST_BYTES_PER_SECOND = 1024;
    /** Bytes per second a client must read an answer at (a CSV export to a reader that never reads). */
    static final long MIN_RESPONSE_BYTES_PER_SECOND = 1024;

    private ServerLimits() {
    }
}
