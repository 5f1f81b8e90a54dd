package app.tax.analytics.testsupport.redis;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class RedisClusterFixtureTest {

    @Test
    void aKilledMastersReplicaTakesOverItsSlots() {
        try (RedisClusterFixture cluster = RedisClusterFixture.start()) {
            List<Integer> masters = cluster.masterPorts();
            assertThat(masters).hasSize(RedisClusterFixture.MASTERS);
            int owner = cluster.masterPortFor("analytics_events:{0}");
            assertThat(masters).contains(owner);

            cluster.kill(owner);
            assertThat(cluster.hasFailedOver(owner)).as("no replica takes over within the node timeout").isFalse();
            Duration promotion = cluster.awaitHealthy(Duration.ofSeconds(30));
            assertThat(cluster.hasFailedOver(owner)).isTrue();

            int newOwner = cluster.masterPortFor("analytics_events:{0}");
            assertThat(newOwner).isNotEqualTo(owner);
            assertThat(cluster.masterPorts()).hasSize(RedisClusterFixture.MASTERS).doesNotContain(owner);
            System.err.println("[redis cluster fixture] replica promoted " + promotion.toMillis() + " ms after the kill");

            cluster.restart(owner);
            cluster.awaitHealthy(Duration.ofSeconds(30));
            assertThat(cluster.masterPortFor("analytics_events:{0}")).as("the old master came back as a replica").isEqualTo(newOwner);
        }
    }
}
