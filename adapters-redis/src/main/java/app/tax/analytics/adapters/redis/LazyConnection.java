package app.tax.analytics.adapters.redis;

import app.tax.analytics.application.logging.RepeatedWarning;
import io.lettuce.core.api.StatefulConnection;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.cluster.api.StatefulRedisClusterConnection;
import io.lettuce.core.cluster.api.async.RedisClusterAsyncCommands;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Supplier;

/**
 * One Redis connection, opened on first use and opened again on a later use when the server could not be reached
 * (Lettuce reconnects an established connection by itself, but not one that never connected). Callers wait for an
 * attempt in progress at most their timeout; after a failed attempt, callers fail at once until the retry interval
 * has passed, so a collector keeps answering 503 quickly while Redis is away. The same for a connection to one
 * server and to a cluster (whose commands are routed by key slot).
 */
final class LazyConnection implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger(LazyConnection.class.getName());

    private final Supplier<? extends CompletionStage<? extends StatefulConnection<String, String>>> opener;
    private final String purpose;
    private final Duration retryInterval;
    private final RepeatedWarning connectFailures;

    private CompletableFuture<StatefulConnection<String, String>> attempt;
    private boolean attemptFailed;
    private long nextAttemptNanos;
    private boolean closed;

    /**
     * @param opener  opens the connection (a {@link StatefulRedisConnection} or a {@link StatefulRedisClusterConnection})
     * @param purpose what the connection is for, for messages ("commands", "reads of consumer p-1")
     */
    LazyConnection(Supplier<? extends CompletionStage<? extends StatefulConnection<String, String>>> opener, String purpose,
                   Duration retryInterval) {
        this.opener = opener;
        this.purpose = purpose;
        this.retryInterval = retryInterval;
        this.connectFailures = new RepeatedWarning(LOG, Duration.ofSeconds(30), System::nanoTime);
    }

    /** Starts connecting in the background unless connected or connecting. */
    void connectInBackground() {
        currentAttempt();
    }

    /** The connection's async commands, connecting first if needed (waiting at most {@code timeout}). */
    RedisClusterAsyncCommands<String, String> commands(Duration timeout) {
        StatefulConnection<String, String> connection = connection(timeout);
        return connection instanceof StatefulRedisClusterConnection<String, String> cluster ? cluster.async()
                : ((StatefulRedisConnection<String, String>) connection).async();
    }

    /** The connection itself, connecting first if needed (waiting at most {@code timeout}). */
    StatefulConnection<String, String> connection(Duration timeout) {
        return RedisCalls.await("connecting to Redis for " + purpose, timeout, currentAttempt());
    }

    /** PING within {@code timeout}: whether the server answers now. */
    boolean ping(Duration timeout) {
        try {
            long started = System.nanoTime();
            RedisClusterAsyncCommands<String, String> commands = commands(timeout);
            Duration left = timeout.minusNanos(System.nanoTime() - started);
            return "PONG".equals(RedisCalls.await("PING", left.isNegative() ? Duration.ZERO : left, commands::ping));
        } catch (RedisCommandFailedException e) {
            return false;
        }
    }

    private synchronized CompletableFuture<StatefulConnection<String, String>> currentAttempt() {
        if (closed) {
            return CompletableFuture.failedFuture(new IllegalStateException("the Redis connection for " + purpose + " is closed"));
        }
        if (attempt == null || (attemptFailed && System.nanoTime() - nextAttemptNanos >= 0)) {
            attemptFailed = false;
            try {
                attempt = opener.get().toCompletableFuture().thenApply(connection -> connection);
            } catch (RuntimeException e) {
                attempt = CompletableFuture.failedFuture(e);
            }
            attempt.whenComplete((connection, failure) -> attemptEnded(failure));
        }
        return attempt;
    }

    private synchronized void attemptEnded(Throwable failure) {
        if (failure == null) {
            LOG.log(System.Logger.Level.INFO, "connected to Redis for {0}", purpose);
            return;
        }
        attemptFailed = true;
        nextAttemptNanos = System.nanoTime() + retryInterval.toNanos();
        connectFailures.warn("cannot connect to Redis for " + purpose + ", retrying on use every "
                + retryInterval.toMillis() + " ms: " + RedisCalls.describe(failure));
    }

    @Override
    public void close() {
        CompletableFuture<StatefulConnection<String, String>> last;
        synchronized (this) {
            closed = true;
            last = attempt;
        }
        if (last != null) {
            // A connection still being opened is closed as soon as it is there.
            last.thenAccept(StatefulConnection::close);
        }
    }
}
