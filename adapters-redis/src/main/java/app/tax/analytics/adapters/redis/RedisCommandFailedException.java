package app.tax.analytics.adapters.redis;

import io.lettuce.core.RedisCommandExecutionException;
import io.lettuce.core.RedisNoScriptException;

/**
 * A Redis command did not succeed: the server was unreachable, too slow, or answered with an error. Unchecked
 * because the ports' read side has no checked failure: the processor's worker backs off and retries
 * (see {@code ProcessorWorker}).
 */
final class RedisCommandFailedException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    RedisCommandFailedException(String message, Throwable cause) {
        super(message, cause);
    }

    /** Whether the server answered with an error reply starting with {@code code} (e.g. NOGROUP, BUSYGROUP). */
    boolean isErrorReply(String code) {
        for (Throwable cause = getCause(); cause != null; cause = cause.getCause()) {
            if (cause instanceof RedisCommandExecutionException && cause.getMessage() != null
                    && cause.getMessage().startsWith(code)) {
                return true;
            }
        }
        return false;
    }

    /** The server does not know the script's digest (e.g. it restarted): the script must be sent again. */
    boolean isUnknownScript() {
        for (Throwable cause = getCause(); cause != null; cause = cause.getCause()) {
            if (cause instanceof RedisNoScriptException) {
                return true;
            }
        }
        return isErrorReply("NOSCRIPT");
    }
}
