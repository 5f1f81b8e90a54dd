package app.tax.analytics.adapters.redis;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
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

    /**
     * The command's reply without waiting for it: the future fails with a {@link RedisCommandFailedException} when the
     * command fails or takes longer than {@code timeout} (then it is cancelled). Callbacks run on Lettuce's I/O thread
     * (or the timer's): they must not block.
     */
    static <T> CompletableFuture<T> call(String what, Duration timeout, Supplier<? extends CompletionStage<T>> command) {
        CompletableFuture<T> pending;
        try {
            pending = command.get().toCompletableFuture();
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(failed(what, e));
        }
        // a copy times out, not Lettuce's own command: that one is cancelled, so that its late reply is dropped
        return pending.copy().orTimeout(timeout.toNanos(), TimeUnit.NANOSECONDS).handle((value, failure) -> {
            if (failure == null) {
                return value;
            }
            Throwable cause = unwrapped(failure);
            if (cause instanceof TimeoutException timeoutOfTheCopy) {
                pending.cancel(false);
                throw timedOut(what, timeout, timeoutOfTheCopy);
            }
            throw failed(what, cause);
        });
    }

    /** Waits for a command already issued (e.g. one of a pipeline). */
    static <T> T await(String what, Duration timeout, CompletionStage<T> pending) {
        try {
            return pending.toCompletableFuture().get(timeout.toNanos(), TimeUnit.NANOSECONDS);
        } catch (ExecutionException e) {
            throw failed(what, e.getCause() == null ? e : e.getCause());
        } catch (TimeoutException e) {
            pending.toCompletableFuture().cancel(false);
            throw timedOut(what, timeout, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new RedisCommandFailedException(what + " was interrupted", e);
        }
    }

    private static RedisCommandFailedException timedOut(String what, Duration timeout, TimeoutException cause) {
        return new RedisCommandFailedException(what + " timed out after " + timeout.toMillis() + " ms", cause);
    }

    /** The failure inside the wrappers that completing futures add. */
    static Throwable unwrapped(Throwable failure) {
        Throwable inner = failure;
        while (inner instanceof CompletionException && inner.getCause() != null) {
            inner = inner.getCause();
        }
        return inner;
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
