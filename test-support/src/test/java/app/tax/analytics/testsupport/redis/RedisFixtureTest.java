package app.tax.analytics.testsupport.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.InetAddress;
import java.net.Socket;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.opentest4j.AssertionFailedError;
import org.opentest4j.TestAbortedException;

class RedisFixtureTest {

    @Test
    void anExplicitUrlComesFirstAndIsNotTheFixturesToStop() {
        Map<String, String> environment = Map.of(RedisFixture.URL_VARIABLE, " redis://cache.example:6380 ");

        Optional<RedisFixture> found = RedisFixture.resolve(environment::get, new ArrayList<>());

        assertThat(found).get().satisfies(fixture -> {
            assertThat(fixture.url()).isEqualTo("redis://cache.example:6380");
            assertThat(fixture.description()).isEqualTo(RedisFixture.URL_VARIABLE).doesNotContain("cache.example");
            assertThat(fixture.isRestartable()).isFalse();
            assertThatThrownBy(fixture::stop).isInstanceOf(IllegalStateException.class).hasMessageContaining("startLocal");
        });
    }

    @Test
    void withoutRedisTheTestIsSkippedUnlessRedisIsRequired() {
        assertThatThrownBy(() -> RedisFixture.unavailable("no redis here", name -> null))
                .isInstanceOf(TestAbortedException.class).hasMessageContaining("no redis here");
        assertThatThrownBy(() -> RedisFixture.unavailable("no redis here", Map.of(RedisFixture.REQUIRE_VARIABLE, "clickhouse")::get))
                .isInstanceOf(TestAbortedException.class);
        assertThatThrownBy(() -> RedisFixture.unavailable("no redis here", Map.of(RedisFixture.REQUIRE_VARIABLE, "redis,clickhouse,browser")::get))
                .isInstanceOf(AssertionFailedError.class).hasMessageContaining("no redis here");
    }

    @Test
    void aLocalServerCanBeStoppedKilledAndRestartedOnTheSamePort() {
        try (RedisFixture redis = RedisFixture.startLocal()) {
            int port = URI.create(redis.url()).getPort();
            assertThat(redis.isRestartable()).isTrue();
            assertThat(accepts(port)).isTrue();

            redis.stop();
            assertThat(redis.isRunning()).isFalse();
            assertThat(accepts(port)).isFalse();

            redis.restart();
            assertThat(redis.isRunning()).isTrue();
            assertThat(accepts(port)).isTrue();

            redis.kill();
            assertThat(accepts(port)).isFalse();
            redis.restart();
            assertThat(accepts(port)).isTrue();
        }
    }

    @Test
    void whyThereIsNoLocalServerIsExplained() {
        List<String> reasons = new ArrayList<>();

        Optional<java.nio.file.Path> binary = LocalRedisServer.findBinary(reasons);

        assertThat(binary.isPresent() || !reasons.isEmpty()).isTrue();
        reasons.forEach(reason -> assertThat(reason).contains("redis-server"));
    }

    private static boolean accepts(int port) {
        try (Socket ignored = new Socket(InetAddress.getLoopbackAddress(), port)) {
            return true;
        } catch (IOException refused) {
            return false;
        }
    }
}
