package app.tax.analytics.adapters.redis;

import app.tax.analytics.testsupport.redis.RedisClusterFixture;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** The queue's contract on a Redis Cluster (3 masters, 3 replicas), found out from a URL naming one node. */
class ClusterRedisEventQueueTest extends AbstractRedisEventQueueTest {
    private static RedisClusterFixture cluster;
    private static RawRedis raw;

    @BeforeAll
    static void startCluster() {
        cluster = RedisClusterFixture.start();
        raw = RawRedis.cluster(cluster.url());
    }

    @AfterAll
    static void stopCluster() {
        if (raw != null) {
            raw.close();
        }
        if (cluster != null) {
            cluster.close();
        }
    }

    @Override
    String url() {
        return cluster.url();
    }

    @Override
    RawRedis raw() {
        return raw;
    }
}
