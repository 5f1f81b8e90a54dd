package app.tax.analytics.adapters.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import app.tax.analytics.application.port.out.QueueUnavailableException;
import app.tax.analytics.application.port.out.QueuedEvent;
import app.tax.analytics.application.port.out.RateLimiter;
import app.tax.analytics.domain.event.Event;
import app.tax.analytics.testsupport.redis.RedisFixture;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Redis going away and coming back, on a local server of the test's own (loopback only). The server comes back
 * empty, as a cache node without persistence would: the queue must recreate its group by itself.
 */
class RedisOutageTest {
    private static final Duration COMMAND_TIMEOUT = Duration.ofSeconds(4);
    /** Generous bounds that only a hang would exceed; the measured figures are printed. */
    private static final Duration FAST = Duration.ofSeconds(1);
    private static final Duration RECOVERY_BOUND = Duration.ofSeconds(10);

    private RedisFixture redis;
    private RedisSettings settings;

    @BeforeEach
    void startOwnServer() {
        redis = RedisFixture.startLocal();
        settings = new RedisSettings(redis.url(), "outage-events", "processors", COMMAND_TIMEOUT, 1_000_000, 5);
    }

    @AfterEach
    void stopOwnServer() {
        if (redis != null) { // null when there was no server and the test was skipped
            redis.close();
        }
    }

    @Test
    void whileRedisIsDownPublishingFailsFastAndItWorksAgainOnceRedisIsBack() throws Exception {
        try (RedisConnection connection = RedisAdapters.connect(settings)) {
            RedisQueue queue = connection.eventQueue();
            queue.publish(List.of(TestEvents.track("before")));
            RateLimiter limiter = connection.rateLimiter(1, Duration.ofMinutes(1));

            redis.stop();
            // Once the client has seen the connection close (on a busy machine its event loop may take a moment):
            // a command sent before that waits for its timeout, as it would on any client.
            awaitNotReady(connection);

            Duration failing = timeToFail(() -> queue.publish(List.of(TestEvents.track("during"))));
            assertThat(failing).isLessThan(FAST);
            assertThat(connection.isReady()).isFalse();
            assertThat(queue.isReady()).isFalse();
            assertThat(limiter.acquire("k")).as("fails open").isInstanceOf(RateLimiter.Verdict.Allowed.class);
            assertThat(limiter.acquire("k")).isInstanceOf(RateLimiter.Verdict.Allowed.class);
            assertThatThrownBy(() -> queue.read("p-1", 10, Duration.ofMillis(100))).isInstanceOf(RuntimeException.class);

            long restarted = System.nanoTime();
            redis.restart();
            Duration recovery = untilPublished(queue, TestEvents.track("after"), restarted);

            List<QueuedEvent> read = queue.read("p-1", 10, Duration.ofMillis(100));
            assertThat(read).extracting(entry -> entry.event().messageId()).containsExactly("after");
            assertThat(connection.isReady()).isTrue();
            System.out.printf("publish refused in %d ms while Redis was down; publishing again %d ms after restart%n",
                    failing.toMillis(), recovery.toMillis());
        }
    }

    @Test
    void aBlockedReaderAndAPublisherSurviveTheServerBeingKilled() throws Exception {
        try (RedisConnection connection = RedisAdapters.connect(settings)) {
            RedisQueue queue = connection.eventQueue();
            queue.stats();
            CompletableFuture<List<QueuedEvent>> blockedRead =
                    CompletableFuture.supplyAsync(() -> queue.read("p-1", 10, Duration.ofSeconds(2)));
            Thread.sleep(200);

            long killed = System.nanoTime();
            redis.kill();

            assertThatThrownBy(() -> blockedRead.get(COMMAND_TIMEOUT.toMillis() + 1_000, TimeUnit.MILLISECONDS))
                    .isInstanceOf(ExecutionException.class);
            Duration readFailed = Duration.ofNanos(System.nanoTime() - killed);
            assertThatThrownBy(() -> queue.publish(List.of(TestEvents.track("while-dead"))))
                    .isInstanceOf(QueueUnavailableException.class);

            long restarted = System.nanoTime();
            redis.restart();
            Duration recovery = untilPublished(queue, TestEvents.track("after-kill"), restarted);

            assertThat(readEventually(queue)).extracting(entry -> entry.event().messageId()).containsExactly("after-kill");
            System.out.printf("blocked read failed %d ms after kill -9; publishing again %d ms after restart%n",
                    readFailed.toMillis(), recovery.toMillis());
        }
    }

    @Test
    void startingWhileRedisIsDownConnectsOnceItIsUp() throws Exception {
        redis.stop();
        try (RedisConnection connection = RedisAdapters.connect(settings)) {
            RedisQueue queue = connection.eventQueue();

            assertThat(connection.isReady()).isFalse();
            Duration failing = timeToFail(() -> queue.publish(List.of(TestEvents.track("too-early"))));
            assertThat(failing).isLessThan(FAST);

            long started = System.nanoTime();
            redis.restart();
            Duration connected = untilPublished(queue, TestEvents.track("on-time"), started);

            assertThat(connection.isReady()).isTrue();
            System.out.printf("first connection made %d ms after Redis started%n", connected.toMillis());
        }
    }

    private interface Publishing {
        void run() throws QueueUnavailableException;
    }

    private static Duration timeToFail(Publishing publishing) {
        long started = System.nanoTime();
        try {
            publishing.run();
        } catch (QueueUnavailableException expected) {
            return Duration.ofNanos(System.nanoTime() - started);
        }
        throw new AssertionError("publishing succeeded while Redis was down");
    }

    /** Retries the publish as a client would after a 503, until it succeeds; returns the time since {@code since}. */
    private static Duration untilPublished(RedisQueue queue, Event event, long since) throws InterruptedException {
        long deadline = since + RECOVERY_BOUND.toNanos();
        while (true) {
            try {
                queue.publish(List.of(event));
                return Duration.ofNanos(System.nanoTime() - since);
            } catch (QueueUnavailableException e) {
                assertThat(System.nanoTime()).as("published within " + RECOVERY_BOUND + "; last error: " + e.getMessage())
                        .isLessThan(deadline);
                Thread.sleep(50);
            }
        }
    }

    /** The reader's own connection may still be reconnecting when the commands connection already works. */
    private static List<QueuedEvent> readEventually(RedisQueue queue) throws InterruptedException {
        long deadline = System.nanoTime() + RECOVERY_BOUND.toNanos();
        while (true) {
            try {
                return queue.read("p-1", 10, Duration.ofMillis(100));
            } catch (RuntimeException e) {
                assertThat(System.nanoTime()).as("read again within " + RECOVERY_BOUND + "; last error: " + e.getMessage())
                        .isLessThan(deadline);
                Thread.sleep(50);
            }
        }
    }

    private static void awaitNotReady(RedisConnection connection) throws InterruptedException {
        long deadline = System.nanoTime() + COMMAND_TIMEOUT.multipliedBy(2).toNanos();
        while (connection.isReady() && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        assertThat(connection.isReady()).as("the client noticed that Redis stopped").isFalse();
    }
}
