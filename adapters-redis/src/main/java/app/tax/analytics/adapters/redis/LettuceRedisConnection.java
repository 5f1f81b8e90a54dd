package app.tax.analytics.adapters.redis;

import app.tax.analytics.application.port.out.DailySalts;
import app.tax.analytics.application.port.out.ScheduleLock;
import app.tax.analytics.application.port.out.RateLimiter;
import app.tax.analytics.application.port.out.SessionState;
import io.lettuce.core.ClientOptions;
import io.lettuce.core.RedisURI;
import io.lettuce.core.SocketOptions;
import io.lettuce.core.TimeoutOptions;
import io.lettuce.core.resource.ClientResources;
import io.lettuce.core.resource.Delay;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * {@link RedisConnection} on Lettuce, set up for failure: commands are rejected at once while disconnected (the
 * collector answers 503 instead of queueing requests in memory), the request queue is bounded, every command has
 * a timeout longer than any blocking read, commands in flight when a connection drops fail instead of being sent
 * again later, and reconnection is retried every few hundred milliseconds up to every 2 seconds. The same on one
 * server and on a cluster ({@link RedisDeployment}).
 */
final class LettuceRedisConnection implements RedisConnection {
    private static final System.Logger LOG = System.getLogger(LettuceRedisConnection.class.getName());
    /** Commands waiting for the socket per connection; beyond this Redis is too slow and callers get an error. */
    static final int REQUEST_QUEUE_SIZE = 10_000;
    static final Duration READINESS_TIMEOUT = Duration.ofSeconds(1);
    /** After a failed first connection, how long callers fail fast before the next attempt. */
    static final Duration CONNECT_RETRY_INTERVAL = Duration.ofMillis(500);
    private static final Duration FIRST_RECONNECT_DELAY = Duration.ofMillis(100);
    private static final Duration LONGEST_RECONNECT_DELAY = Duration.ofSeconds(2);
    static final Duration SHUTDOWN_TIMEOUT = Duration.ofSeconds(2);

    private final RedisSettings settings;
    private final ClientResources resources;
    private final DeploymentResolver deployment;
    private final Map<String, LazyConnection> readers = new ConcurrentHashMap<>();
    private final RedisEventQueue queue;
    private final RedisSessionState sessions;
    private final RedisDailySalts dailySalts;
    private final RedisScheduleLock scheduleLock;

    LettuceRedisConnection(RedisSettings settings, List<RedisURI> seeds, RedisObserver observer) {
        this(settings, seeds, RedisEventQueue.DEFAULT_TRIM_EVERY_ACKS, observer);
    }

    /** @param trimEveryAcks how many acknowledgements between two trims of each stream */
    LettuceRedisConnection(RedisSettings settings, List<RedisURI> seeds, int trimEveryAcks, RedisObserver observer) {
        this.settings = settings;
        seeds.forEach(uri -> uri.setTimeout(settings.commandTimeout()));
        this.resources = ClientResources.builder()
                .reconnectDelay(Delay.exponential(FIRST_RECONNECT_DELAY, LONGEST_RECONNECT_DELAY, 2, TimeUnit.MILLISECONDS))
                .build();
        this.deployment = new DeploymentResolver(settings.cluster(), seeds, resources,
                clientOptions(settings.commandTimeout()), CONNECT_RETRY_INTERVAL, observer);
        CommandsSource commands = timeout -> deployment.deployment(timeout).commands().commands(timeout);
        this.queue = new RedisEventQueue(settings, deployment, this::readerConnection, trimEveryAcks, READINESS_TIMEOUT, observer);
        this.sessions = new RedisSessionState(commands, settings.commandTimeout());
        this.dailySalts = new RedisDailySalts(commands, settings.commandTimeout());
        this.scheduleLock = new RedisScheduleLock(commands, settings.commandTimeout());
        LOG.log(System.Logger.Level.INFO, "Redis at {0}: stream {1}, consumer group {2}",
                Redaction.url(settings.url()), settings.streamKey(), settings.consumerGroup());
        deployment.resolveInBackground();
    }

    static ClientOptions clientOptions(Duration commandTimeout) {
        return ClientOptions.builder()
                .autoReconnect(true)
                .disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS)
                // Nothing is sent again after a reconnect: the caller already got an error (or a timeout) and retries
                // itself; a late replay would only add duplicates or run a stale blocking read.
                .replayFilter(command -> true)
                .requestQueueSize(REQUEST_QUEUE_SIZE)
                .socketOptions(SocketOptions.builder().connectTimeout(commandTimeout).keepAlive(true).build())
                .timeoutOptions(TimeoutOptions.enabled(commandTimeout))
                .build();
    }

    private LazyConnection readerConnection(String consumer) {
        RedisDeployment current = deployment.deployment(settings.commandTimeout());
        return readers.computeIfAbsent(consumer, current::newReaderConnection);
    }

    @Override
    public RedisQueue eventQueue() {
        return queue;
    }

    @Override
    public RateLimiter rateLimiter(int maxRequests, Duration window) {
        return new RedisRateLimiter(timeout -> deployment.deployment(timeout).commands().commands(timeout), maxRequests, window,
                settings.commandTimeout());
    }

    @Override
    public SessionState sessionState() {
        return sessions;
    }

    @Override
    public DailySalts dailySalts() {
        return dailySalts;
    }

    @Override
    public ScheduleLock scheduleLock() {
        return scheduleLock;
    }

    /** Whether every stream an event may go to can take it now (not merely whether a server answers PING). */
    @Override
    public boolean isReady() {
        return queue.isReady();
    }

    @Override
    public List<StreamStats> streamStats() {
        return queue.streamStats();
    }

    @Override
    public void close() {
        readers.values().forEach(LazyConnection::close);
        deployment.close();
        Future<?> threadsStopped = resources.shutdown(0, SHUTDOWN_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        try {
            threadsStopped.get(SHUTDOWN_TIMEOUT.toMillis() * 2, TimeUnit.MILLISECONDS);
        } catch (ExecutionException | TimeoutException e) {
            LOG.log(System.Logger.Level.WARNING, "Redis client threads did not stop cleanly: {0}", e.toString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
