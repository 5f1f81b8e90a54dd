package app.tax.analytics.adapters.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import app.tax.analytics.application.port.out.QueueUnavailableException;
import app.tax.analytics.application.port.out.QueuedEvent;
import app.tax.analytics.testsupport.redis.RedisFixture;
import io.lettuce.core.Range;
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
        withQueue("async-events-", Duration.ofSeconds(4), 1_000_000, (queue, key) -> {
            raw.commands().clientPause(800);
            long start = System.nanoTime();
            CompletableFuture<Void> published = queue.publishAsync(TestEvents.tracks("paused", 3)).toCompletableFuture();
            Duration returnedAfter = Duration.ofNanos(System.nanoTime() - start);

            assertThat(returnedAfter).as("time until publishAsync returned").isLessThan(Duration.ofMillis(400));
            assertThat(published).isNotDone();
            published.get(5, TimeUnit.SECONDS);
            assertThat(Duration.ofNanos(System.nanoTime() - start)).as("Redis was paused").isGreaterThan(Duration.ofMillis(500));
            assertThat(raw.commands().xlen(key)).isEqualTo(4);
        });
    }

    @Test
    void anAsynchronousPublicationThatRedisDoesNotAnswerInTimeFailsAsUnavailable() throws Exception {
        withQueue("async-timeout-events-", Duration.ofMillis(300), 1_000_000, (queue, key) -> {
            raw.commands().clientPause(1_500);
            try {
                CompletableFuture<Void> published = queue.publishAsync(TestEvents.tracks("too-late", 1)).toCompletableFuture();

                assertThatThrownBy(() -> published.get(5, TimeUnit.SECONDS)).hasCauseInstanceOf(QueueUnavailableException.class)
                        .hasMessageContaining("timed out after 300 ms");
            } finally {
                Thread.sleep(1_500); // the pause ends before the next test's commands
            }
        });
    }

    @Test
    void publicationsArrivingWhileAnAppendIsOnItsWayShareTheNextCall() throws Exception {
        withQueue("shared-events-", Duration.ofSeconds(4), 1_000_000, (queue, key) -> {
            long callsBefore = raw.calls("evalsha");

            raw.commands().clientPause(500);
            CompletableFuture<Void> onItsWay = queue.publishAsync(TestEvents.tracks("a", 3)).toCompletableFuture();
            List<CompletableFuture<Void>> arrivingMeanwhile = new ArrayList<>();
            for (int i = 0; i < 5; i++) {
                arrivingMeanwhile.add(queue.publishAsync(TestEvents.tracks("b" + i, 2)).toCompletableFuture());
            }
            onItsWay.get(5, TimeUnit.SECONDS);
            CompletableFuture.allOf(arrivingMeanwhile.toArray(CompletableFuture[]::new)).get(5, TimeUnit.SECONDS);

            assertThat(raw.calls("evalsha") - callsBefore).as("the paused call, then one for the five that came meanwhile").isEqualTo(2);
            assertThat(messageIdsIn(key)).containsExactly("first-0", "a-0", "a-1", "a-2", "b0-0", "b0-1", "b1-0", "b1-1",
                    "b2-0", "b2-1", "b3-0", "b3-1", "b4-0", "b4-1");
        });
    }

    @Test
    void aSharedCallTakesOrRefusesEachOfItsPublicationsWhole() throws Exception {
        withQueue("shared-full-events-", Duration.ofSeconds(4), 10, (queue, key) -> {
            raw.commands().clientPause(500);
            CompletableFuture<Void> onItsWay = queue.publishAsync(TestEvents.tracks("a", 3)).toCompletableFuture();
            CompletableFuture<Void> tooMany = queue.publishAsync(TestEvents.tracks("b", 7)).toCompletableFuture();
            CompletableFuture<Void> fits = queue.publishAsync(TestEvents.tracks("c", 5)).toCompletableFuture();

            onItsWay.get(5, TimeUnit.SECONDS);
            fits.get(5, TimeUnit.SECONDS);
            assertThatThrownBy(() -> tooMany.get(5, TimeUnit.SECONDS)).hasCauseInstanceOf(QueueUnavailableException.class)
                    .hasMessageContaining("the queue is full").hasMessageContaining("holds 9 entries");
            assertThat(messageIdsIn(key)).containsExactly("first-0", "a-0", "a-1", "a-2", "c-0", "c-1", "c-2", "c-3", "c-4");
        });
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

    /** The body's stream: connected, with one event ("first-0") published, so the layout is known and the script loaded. */
    private static void withQueue(String keyPrefix, Duration commandTimeout, long maxStreamLength, QueueCheck check)
            throws Exception {
        String key = keyPrefix + UUID.randomUUID();
        RedisSettings settings = new RedisSettings(redis.url(), key, "processors", commandTimeout, maxStreamLength, 5);
        try (RedisConnection connection = RedisAdapters.connect(settings)) {
            connection.eventQueue().publish(TestEvents.tracks("first", 1));
            check.run(connection.eventQueue(), key);
        } finally {
            raw.commands().del(key, key + ":shards");
        }
    }

    private interface QueueCheck {
        void run(RedisQueue queue, String key) throws Exception;
    }

    private static List<String> messageIdsIn(String stream) {
        EventCodec codec = new EventCodec();
        return raw.commands().xrange(stream, Range.create("-", "+")).stream()
                .map(entry -> codec.decode(entry.getBody().get(RedisEventQueue.PAYLOAD_FIELD)).messageId()).toList();
    }
}
