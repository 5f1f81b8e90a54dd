package app.tax.analytics.adapters.redis;

import static org.assertj.core.api.Assertions.assertThat;

import app.tax.analytics.application.port.out.DailySalts;
import app.tax.analytics.testsupport.contract.DailySaltsContract;
import app.tax.analytics.testsupport.redis.RedisFixture;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The shared contract on two connections to one Redis, as two collectors, and the salts' expiry. */
class RedisDailySaltsTest extends DailySaltsContract {
    @RegisterExtension
    final TwoRedisConnections redis = new TwoRedisConnections();

    @Override
    protected DailySalts firstCollector() {
        return redis.first().dailySalts();
    }

    @Override
    protected DailySalts secondCollector() {
        return redis.second().dailySalts();
    }

    @Test
    void aSaltExpiresFortyEightHoursAfterItWasMade() {
        LocalDate day = someDay();
        String salt = redis.first().dailySalts().saltFor(day);

        try (RawRedis raw = RawRedis.standalone(RedisFixture.shared().url())) {
            assertThat(raw.commands().get(RedisDailySalts.redisKey(day))).isEqualTo(salt);
            assertThat(raw.commands().pttl(RedisDailySalts.redisKey(day)))
                    .isGreaterThan(RedisDailySalts.KEEP_FOR.toMillis() - 60_000)
                    .isLessThanOrEqualTo(RedisDailySalts.KEEP_FOR.toMillis());
            raw.commands().del(RedisDailySalts.redisKey(day));
        }
    }
}
