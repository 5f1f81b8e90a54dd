package app.tax.analytics.application.port.in;

import java.time.Duration;

/** Too many wrong passwords in a row: the check is refused for {@link #retryAfter()}. */
public final class TooManyAttemptsException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final transient Duration retryAfter;

    public TooManyAttemptsException(Duration retryAfter) {
        super("too many wrong passwords; wait before trying again", null, false, false);
        this.retryAfter = retryAfter;
    }

    public Duration retryAfter() {
        return retryAfter;
    }
}
