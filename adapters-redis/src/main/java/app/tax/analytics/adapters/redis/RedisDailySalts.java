package app.tax.analytics.adapters.redis;

import app.tax.analytics.application.port.out.DailySalts;
import app.tax.analytics.application.port.out.StateUnavailableException;
import io.lettuce.core.SetArgs;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.LocalDate;
import java.util.HexFormat;
import java.util.Objects;

/**
 * {@link DailySalts} shared by every collector: one key per UTC day, {@code salt:<yyyy-mm-dd>}, set only when
 * absent ({@code SET NX}) so that the first collector's salt is everybody's, and expiring after 48 hours, so
 * that a day's salt is gone the day after it ended. Failures are {@link StateUnavailableException}: a salt made
 * up locally would split each visitor in two.
 */
final class RedisDailySalts implements DailySalts {
    /** The day itself and the one after it, for late events; then the salt is gone. */
    static final Duration KEEP_FOR = Duration.ofHours(48);
    private static final int SALT_BYTES = 32;

    private final CommandsSource connection;
    private final Duration timeout;
    private final SecureRandom random = new SecureRandom();

    RedisDailySalts(CommandsSource connection, Duration timeout) {
        this.connection = connection;
        this.timeout = timeout;
    }

    @Override
    public String saltFor(LocalDate utcDay) {
        Objects.requireNonNull(utcDay, "utcDay");
        String key = redisKey(utcDay);
        try {
            String existing = RedisCalls.await("reading the daily salt", timeout, () -> connection.commands(timeout).get(key));
            if (existing != null) {
                return existing;
            }
            String candidate = newSalt();
            RedisCalls.await("creating the daily salt", timeout, () -> connection.commands(timeout)
                    .set(key, candidate, SetArgs.Builder.nx().px(KEEP_FOR.toMillis())));
            // another collector may have been first: its salt is the day's
            String salt = RedisCalls.await("reading the daily salt", timeout, () -> connection.commands(timeout).get(key));
            if (salt == null) {
                throw new StateUnavailableException("the daily salt vanished right after it was set", null);
            }
            return salt;
        } catch (RedisCommandFailedException e) {
            throw new StateUnavailableException(e.getMessage(), e);
        }
    }

    static String redisKey(LocalDate utcDay) {
        return "salt:" + utcDay;
    }

    private String newSalt() {
        byte[] bytes = new byte[SALT_BYTES];
        random.nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }
}
