package app.tax.analytics.adapters.redis;

import java.time.Duration;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;

/** Runs a Lettuce command and waits a bounded time, turning every kind of failure into one exception type. */
final class RedisCalls {
    private RedisCalls() {
    }

    /**
     * @param what     the operation, for the message (no values from events: messages end up in logs)
     * @param command  issues the command; may throw at once (e.g. commands rejected while disconnected)
     */
    static <T> T await(String what, Duration timeout, Supplier<? extends CompletionStage<T>> command) {
        CompletionStage<T> pending;
        try {
            pending = command.get();
        } catch (RuntimeException e) {
            throw failed(what, e);
        }
        return await(what, timeout, pending);
    }

    /** Waits for a command already issued (e.g. one of a pipeline). */
    static <T> T await(String what, Duration timeout, CompletionStage<T> pending) {
        try {
            return pending.toCompletableFuture().get(timeout.toNanos(), TimeUnit.NANOSECONDS);
        } catch (ExecutionException e) {
            throw failed(what, e.getCause() == null ? e : e.getCause());
        } catch (TimeoutException e) {
            pending.toCompletableFuture().cancel(false);
            throw new RedisCommandFailedException(what + " timed out after " + timeout.toMillis() + " ms", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new RedisCommandFailedException(what + " was interrupted", e);
        }
    }

    static RedisCommandFailedException failed(String what, Throwable cause) {
        if (cause instanceof RedisCommandFailedException alreadyExplained) {
            return alreadyExplained;
        }
        return new RedisCommandFailedException(what + " failed: " + describe(cause), cause);
    }

    /** The innermost useful message, without IP addresses. */
    static String describe(Throwable failure) {
        Throwable innermost = failure;
        while (innermost.getCause() != null && innermost.getCause() != innermost) {
            innermost = innermost.getCause();
        }
        String outer = failure.getMessage() == null ? failure.getClass().getSimpleName() : failure.getMessage();
        String text = innermost == failure || innermost.getMessage() == null ? outer : outer + " (" + innermost.getMessage() + ")";
        return Redaction.text(text);
    }
}
