package app.tax.analytics.adapters.redis;

import app.tax.analytics.testsupport.redis.RedisFixture;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** The queue's contract on one Redis server. */
class RedisEventQueueTest extends RedisEventQueueContract {
    private static RedisFixture redis;
    private static RawRedis raw;

    @BeforeAll
    static void findRedis() {
        redis = RedisFixture.shared();
        raw = RawRedis.standalone(redis.url());
    }

    @AfterAll
    static void closeClient() {
        if (raw != null) {
            raw.close();
        }
    }

    @Override
    String url() {
        return redis.url();
    }

    @Override
    RawRedis raw() {
        return raw;
    }
}
