package app.tax.analytics.adapters.redis;

import app.tax.analytics.application.port.out.ScheduleLock;
import app.tax.analytics.application.port.out.StateUnavailableException;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.SetArgs;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Objects;
import java.util.Optional;

/**
 * {@link ScheduleLock} shared by every dashboard: the key {@code lock:<name>} set only when absent ({@code SET NX PX})
 * to a random token, so it frees itself when its holder dies; released by a script that deletes it only while it
 * still holds that token, so a holder whose lease ran out never frees the next holder's lock.
 */
final class RedisScheduleLock implements ScheduleLock {
    static final LuaScript RELEASE = new LuaScript("releasing a schedule lock",
            "if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) else return 0 end");

    private final CommandsSource connection;
    private final Duration timeout;
    private final SecureRandom random = new SecureRandom();

    RedisScheduleLock(CommandsSource connection, Duration timeout) {
        this.connection = Objects.requireNonNull(connection);
        this.timeout = Objects.requireNonNull(timeout);
    }

    @Override
    public Optional<Lease> tryAcquire(String name, Duration leaseTime) {
        String key = redisKey(name);
        byte[] bytes = new byte[16];
        random.nextBytes(bytes);
        String token = HexFormat.of().formatHex(bytes);
        try {
            String reply = RedisCalls.await("taking a schedule lock", timeout, () -> connection.commands(timeout)
                    .set(key, token, SetArgs.Builder.nx().px(leaseTime.toMillis())));
            if (!"OK".equals(reply)) {
                return Optional.empty();
            }
        } catch (RedisCommandFailedException e) {
            throw new StateUnavailableException(e.getMessage(), e);
        }
        return Optional.of(() -> release(key, token));
    }

    private void release(String key, String token) {
        try {
            RELEASE.<Long>run(connection.commands(timeout), ScriptOutputType.INTEGER, new String[] {key}, new String[] {token}, timeout);
        } catch (RedisCommandFailedException e) {
            // the lease runs out by itself
            throw new StateUnavailableException(e.getMessage(), e);
        }
    }

    static String redisKey(String name) {
        return "lock:" + name;
    }
}
