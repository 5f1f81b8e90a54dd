package app.tax.analytics.application.port.out;

import java.time.Duration;

/** A fixed-window request limit per key, shared by every collector. */
public interface RateLimiter {

    /** Counts one request for {@code key}; the verdict says whether it is within the limit. */
    Verdict acquire(String key);

    sealed interface Verdict {
        record Allowed() implements Verdict {
        }

        record Limited(Duration retryAfter) implements Verdict {
        }
    }

    /** No limit at all. */
    RateLimiter UNLIMITED = key -> new Verdict.Allowed();
}
