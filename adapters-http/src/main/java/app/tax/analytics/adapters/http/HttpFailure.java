package app.tax.analytics.adapters.http;

import java.time.Duration;

/**
 * Ends a request with a client-facing status and message (the server's {@link ErrorStyle} shapes the body).
 * Thrown from deep inside request handling (body reading, parsing) so that every path answers the same way.
 */
final class HttpFailure extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final int status;
    private final transient Duration retryAfter;

    HttpFailure(int status, String message) {
        this(status, message, null);
    }

    /** @param retryAfter sent as {@code Retry-After}, or null for none */
    HttpFailure(int status, String message, Duration retryAfter) {
        // no stack trace: these are expected outcomes of bad input, not bugs
        super(message, null, false, false);
        this.status = status;
        this.retryAfter = retryAfter;
    }

    int status() {
        return status;
    }

    Duration retryAfter() {
        return retryAfter;
    }
}
