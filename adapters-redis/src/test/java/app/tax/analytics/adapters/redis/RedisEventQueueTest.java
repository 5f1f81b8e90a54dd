package app.tax.analytics.adapters.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import app.tax.analytics.application.port.out.QueueUnavailableException;
import app.tax.analytics.application.port.out.QueuedEvent;
import app.tax.analytics.testsupport.redis.RedisFixture;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The queue's contract on one Redis server, and the unsharded stream of earlier versions. */
class RedisEventQueueTest extends AbstractRedisEventQueueTest {
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

    @Test
    void theUnshardedStreamKeepsItsKeyAndIsStillReadAfterShardingIsTurnedOn() throws Exception {
        String key = "legacy-events-" + UUID.randomUUID();
        RedisSettings unsharded = new RedisSettings(redis.url(), key, "processors", Duration.ofSeconds(4), 1_000_000, 5);
        try (RedisConnection before = RedisAdapters.connect(unsharded);
             RedisConnection after = RedisAdapters.connect(unsharded.withCluster(null, 3, -1, null))) {
            before.eventQueue().publish(TestEvents.tracks("before", 10));
            assertThat(raw.commands().xlen(key)).as("the stream of earlier versions").isEqualTo(10);
            after.eventQueue().publish(TestEvents.tracks("after", 10));

            List<QueuedEvent> read = new ArrayList<>();
            for (int attempt = 0; attempt < 20 && read.size() < 20; attempt++) {
                read.addAll(after.eventQueue().read("p-1", 100, Duration.ofMillis(20)));
            }

            assertThat(read).extracting(entry -> entry.event().messageId()).hasSize(20).contains("before-0", "after-9");
            assertThat(after.streamStats()).extracting(StreamStats::stream)
                    .containsExactlyInAnyOrder(key, key + ":{0}", key + ":{1}", key + ":{2}");
        } finally {
            raw.commands().del(key, key + ":{0}", key + ":{1}", key + ":{2}", key + ":shards");
        }
    }

    @Test
    void anAsynchronousPublicationReturnsBeforeRedisRepliesAndCompletesWhenItDoes() throws Exception {
        String key = "async-events-" + UUID.randomUUID();
        RedisSettings settings = new RedisSettings(redis.url(), key, "processors", Duration.ofSeconds(4), 1_000_000, 5);
        try (RedisConnection connection = RedisAdapters.connect(settings)) {
            connection.eventQueue().publish(TestEvents.tracks("first", 1)); // connects and finds the layout

            raw.commands().clientPause(800);
            long start = System.nanoTime();
            CompletableFuture<Void> published = connection.eventQueue().publishAsync(TestEvents.tracks("paused", 3))
                    .toCompletableFuture();
            Duration returnedAfter = Duration.ofNanos(System.nanoTime() - start);

            assertThat(returnedAfter).as("time until publishAsync returned").isLessThan(Duration.ofMillis(400));
            assertThat(published).isNotDone();
            published.get(5, TimeUnit.SECONDS);
            assertThat(Duration.ofNanos(System.nanoTime() - start)).as("Redis was paused").isGreaterThan(Duration.ofMillis(500));
            assertThat(raw.commands().xlen(key)).isEqualTo(4);
        } finally {
            raw.commands().del(key, key + ":shards");
        }
    }

    @Test
    void anAsynchronousPublicationThatRedisDoesNotAnswerInTimeFailsAsUnavailable() throws Exception {
        String key = "async-timeout-events-" + UUID.randomUUID();
        RedisSettings settings = new RedisSettings(redis.url(), key, "processors", Duration.ofMillis(300), 1_000_000, 5);
        try (RedisConnection connection = RedisAdapters.connect(settings)) {
            connection.eventQueue().publish(TestEvents.tracks("first", 1));

            raw.commands().clientPause(1_500);
            CompletableFuture<Void> published = connection.eventQueue().publishAsync(TestEvents.tracks("too-late", 1))
                    .toCompletableFuture();

            assertThatThrownBy(() -> published.get(5, TimeUnit.SECONDS)).hasCauseInstanceOf(QueueUnavailableException.class)
                    .hasMessageContaining("timed out after 300 ms");
        } finally {
            Thread.sleep(1_500); // the pause ends before the next test's commands
            raw.commands().del(key, key + ":shards");
        }
    }

    @Test
    void withoutTheReplicasThatMustConfirmPublishingIsRefusedAndReadinessSaysSo() {
        String key = "unconfirmed-events-" + UUID.randomUUID();
        RedisSettings needsAReplica = new RedisSettings(redis.url(), key, "processors", Duration.ofSeconds(4), 1_000_000, 5)
                .withCluster(false, 1, 1, Duration.ofMillis(100));
        try (RedisConnection connection = RedisAdapters.connect(needsAReplica)) {
            assertThat(connection.isReady()).as("no replica in sync").isFalse();
            assertThatThrownBy(() -> connection.eventQueue().publish(TestEvents.tracks("unconfirmed", 2)))
                    .isInstanceOf(QueueUnavailableException.class)
                    .hasMessageContaining("only 0 of 1 replicas confirmed").hasMessageContaining("send them again");
        } finally {
            raw.commands().del(key, key + ":shards");
        }
    }
}
