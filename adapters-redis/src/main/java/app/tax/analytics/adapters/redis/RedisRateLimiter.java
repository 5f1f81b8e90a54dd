package app.tax.analytics.adapters.redis;

import app.tax.analytics.application.logging.RepeatedWarning;
import app.tax.analytics.application.port.out.RateLimiter;
import io.lettuce.core.ScriptOutputType;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;

/**
 * A fixed-window limit per key shared by every collector: one counter per key in Redis, counted and given its
 * expiry by one atomic script. The window starts with the key's first request (so no collector's clock matters) and
 * {@code retryAfter} is the time left in it.
 * <p>
 * When Redis cannot be asked, requests are allowed: the limiter protects ingestion, and refusing every event
 * because the limiter is down would turn a limiter outage into data loss (the queue, not the limiter, decides
 * whether an event can be taken; a queue on the same Redis refuses with 503 by itself).
 */
final class RedisRateLimiter implements RateLimiter {
    private static final System.Logger LOG = System.getLogger(RedisRateLimiter.class.getName());
    private static final int KEY_HASH_HEX_CHARS = 32;

    /** KEYS[1] counter, ARGV[1] window in ms. Returns {count in this window, ms left in it}. */
    private static final LuaScript COUNT_REQUEST = new LuaScript("counting a request for the rate limit", """
            local count = redis.call('INCR', KEYS[1])
            local left = redis.call('PTTL', KEYS[1])
            if left < 0 then
              -- first request of a window (or a counter that lost its expiry): the window starts now
              redis.call('PEXPIRE', KEYS[1], ARGV[1])
              left = tonumber(ARGV[1])
            end
            return {count, left}
            """);

    private final CommandsSource connection;
    private final int maxRequests;
    private final Duration window;
    private final Duration timeout;
    private final RepeatedWarning failingOpen;

    RedisRateLimiter(CommandsSource connection, int maxRequests, Duration window, Duration timeout) {
        if (maxRequests < 1) {
            throw new IllegalArgumentException("rate limit must allow at least 1 request, was " + maxRequests);
        }
        if (window == null || window.toMillis() < 1) {
            throw new IllegalArgumentException("rate limit window must be at least 1 ms, was " + window);
        }
        this.connection = connection;
        this.maxRequests = maxRequests;
        this.window = window;
        this.timeout = timeout;
        this.failingOpen = new RepeatedWarning(LOG, Duration.ofMinutes(1), System::nanoTime);
    }

    @Override
    public Verdict acquire(String key) {
        try {
            List<Long> reply = COUNT_REQUEST.run(connection.commands(timeout), ScriptOutputType.MULTI,
                    new String[] {redisKey(key)}, new String[] {Long.toString(window.toMillis())}, timeout);
            long count = reply.get(0);
            long millisLeft = Math.max(1, reply.get(1));
            return count > maxRequests ? new Verdict.Limited(Duration.ofMillis(millisLeft)) : new Verdict.Allowed();
        } catch (RedisCommandFailedException e) {
            failingOpen.warn("rate limiter unavailable, allowing requests without a limit: " + e.getMessage());
            return new Verdict.Allowed();
        }
    }

    /**
     * {@code ratelimit:<window ms>:<hash of the key>}: keys hold the client's IP, which must not sit in Redis in
     * the clear (anyone running MONITOR or SCAN would see it), and a hash has a bounded length.
     */
    String redisKey(String key) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8));
            return "ratelimit:" + window.toMillis() + ":" + HexFormat.of().formatHex(digest).substring(0, KEY_HASH_HEX_CHARS);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}
