package app.tax.analytics.adapters.redis;

import static org.assertj.core.api.Assertions.assertThat;

import app.tax.analytics.application.port.out.DailySalts;
import app.tax.analytics.testsupport.contract.DailySaltsContract;
import app.tax.analytics.testsupport.redis.RedisFixture;
import java.time.LocalDate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The shared contract on two connections to one Redis, as two collectors, and the salts' expiry. */
class RedisDailySaltsTest extends DailySaltsContract {
    private RedisConnection first;
    private RedisConnection second;

    @BeforeEach
    void connectTwice() {
        RedisSettings settings = RedisSettings.defaults(RedisFixture.shared().url());
        first = RedisAdapters.connect(settings);
        second = RedisAdapters.connect(settings);
    }

    @AfterEach
    void close() {
        if (first != null) { // null when there was no server and the test was skipped
            first.close();
            second.close();
        }
    }

    @Override
    protected DailySalts firstCollector() {
        return first.dailySalts();
    }

    @Override
    protected DailySalts secondCollector() {
        return second.dailySalts();
    }

    @Test
    void aSaltExpiresFortyEightHoursAfterItWasMade() {
        LocalDate day = someDay();
        String salt = first.dailySalts().saltFor(day);

        try (RawRedis raw = RawRedis.standalone(RedisFixture.shared().url())) {
            assertThat(raw.commands().get(RedisDailySalts.redisKey(day))).isEqualTo(salt);
            assertThat(raw.commands().pttl(RedisDailySalts.redisKey(day)))
                    .isGreaterThan(RedisDailySalts.KEEP_FOR.toMillis() - 60_000)
                    .isLessThanOrEqualTo(RedisDailySalts.KEEP_FOR.toMillis());
            raw.commands().del(RedisDailySalts.redisKey(day));
        }
    }
}
