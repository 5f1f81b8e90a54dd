package app.tax.analytics.adapters.redis;

import static org.assertj.core.api.Assertions.assertThat;

import app.tax.analytics.application.port.out.ScheduleLock;
import app.tax.analytics.testsupport.contract.ScheduleLockContract;
import app.tax.analytics.testsupport.redis.RedisFixture;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The lock contract on two connections to one real Redis, as two dashboards, and the lease as the key's expiry. */
class RedisScheduleLockTest extends ScheduleLockContract {
    @RegisterExtension
    final TwoRedisConnections redis = new TwoRedisConnections();

    @Override
    protected ScheduleLock firstProcess() {
        return redis.first().scheduleLock();
    }

    @Override
    protected ScheduleLock secondProcess() {
        return redis.second().scheduleLock();
    }

    /** What Redis does when the PX time is over: the key is gone. */
    @Override
    protected void letLeaseRunOut(String name) {
        try (RawRedis raw = RawRedis.standalone(RedisFixture.shared().url())) {
            raw.commands().del(RedisScheduleLock.redisKey(name));
        }
    }

    @Test
    void theLeaseIsTheKeysExpiryAndReleaseDeletesIt() {
        String name = someName();
        ScheduleLock.Lease lease = redis.first().scheduleLock().tryAcquire(name, Duration.ofSeconds(90)).orElseThrow();
        try (RawRedis raw = RawRedis.standalone(RedisFixture.shared().url())) {
            assertThat(raw.commands().pttl(RedisScheduleLock.redisKey(name))).isBetween(80_000L, 90_000L);
            assertThat(raw.commands().get(RedisScheduleLock.redisKey(name))).hasSize(32);
            lease.close();
            assertThat(raw.commands().exists(RedisScheduleLock.redisKey(name))).isZero();
        }
    }
}
