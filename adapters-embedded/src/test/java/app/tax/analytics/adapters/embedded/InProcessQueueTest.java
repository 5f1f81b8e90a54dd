package app.tax.analytics.adapters.embedded;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import app.tax.analytics.application.port.out.QueueStats;
import app.tax.analytics.application.port.out.QueueUnavailableException;
import app.tax.analytics.application.port.out.QueuedEvent;
import app.tax.analytics.domain.event.Event;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** The queue's semantics; {@link SegmentLogQueueSemanticsTest} runs the same tests against the durable queue. */
class InProcessQueueTest {
    static final Instant START = Instant.parse("2024-03-09T10:00:00Z");
    final MutableClock clock = new MutableClock(START);

    EmbeddedQueue newQueue(int capacity, Clock queueClock) {
        return new InProcessQueue(capacity, queueClock);
    }

    /** The in-memory state behind a queue made by {@link #newQueue}. */
    static InProcessQueue state(EmbeddedQueue queue) {
        return queue instanceof SegmentLogQueue durable ? durable.memory() : (InProcessQueue) queue;
    }

    static List<Event> events(String prefix, int count) {
        return IntStream.range(0, count).mapToObj(i -> TestEvents.page(prefix + i, START)).toList();
    }

    static List<String> messageIds(List<QueuedEvent> entries) {
        return entries.stream().map(e -> e.event().messageId()).toList();
    }

    @Test
    void publishRefusesWholeCallsBeyondCapacityAndNeverDrops() throws Exception {
        EmbeddedQueue queue = newQueue(5, clock);
        queue.publish(events("a", 3));

        assertThatThrownBy(() -> queue.publish(events("b", 3)))
                .isInstanceOf(QueueUnavailableException.class).hasMessageContaining("full");
        // all or nothing: none of the refused call's events went in
        assertThat(queue.stats().length()).isEqualTo(3);
        queue.publish(events("c", 2));
        assertThat(queue.stats().length()).isEqualTo(5);
        assertThat(messageIds(queue.read("worker", 10, Duration.ZERO))).containsExactly("a0", "a1", "a2", "c0", "c1");
    }

    @Test
    void pendingEntriesCountAgainstCapacityUntilAcknowledged() throws Exception {
        EmbeddedQueue queue = newQueue(2, clock);
        queue.publish(events("a", 2));
        List<QueuedEvent> delivered = queue.read("worker", 2, Duration.ZERO);

        assertThatThrownBy(() -> queue.publish(events("b", 1))).isInstanceOf(QueueUnavailableException.class);
        queue.ack(delivered);
        queue.publish(events("b", 1));
        assertThat(queue.stats().length()).isEqualTo(1);
    }

    @Test
    void entriesStayPendingAtTheirConsumerUntilAcknowledged() throws Exception {
        EmbeddedQueue queue = newQueue(10, clock);
        queue.publish(events("a", 3));

        List<QueuedEvent> first = queue.read("worker-1", 2, Duration.ZERO);
        assertThat(messageIds(first)).containsExactly("a0", "a1");
        assertThat(first).allSatisfy(e -> assertThat(e.deliveries()).isEqualTo(1));
        // a read delivers only new entries: the pending ones are not handed to anyone else
        assertThat(messageIds(queue.read("worker-2", 10, Duration.ZERO))).containsExactly("a2");
        assertThat(queue.read("worker-1", 10, Duration.ZERO)).isEmpty();
        assertThat(queue.stats()).isEqualTo(new QueueStats(3, 3, Duration.ZERO, 0));
        assertThat(state(queue).pendingByConsumer()).containsEntry("worker-1", 2L).containsEntry("worker-2", 1L);

        queue.ack(first);
        queue.ack(first);
        assertThat(queue.stats().length()).isEqualTo(1);
        assertThat(queue.stats().pending()).isEqualTo(1);
    }

    @Test
    void ackOfUnknownIdsIsIgnored() throws Exception {
        EmbeddedQueue queue = newQueue(10, clock);
        queue.publish(events("a", 1));
        queue.ack(List.of(new QueuedEvent("999", TestEvents.page("x", START), 1), new QueuedEvent("not-a-number", TestEvents.page("y", START), 1)));
        assertThat(queue.stats().length()).isEqualTo(1);
    }

    @Test
    void claimStaleTakesOverEntriesIdleAtAnotherConsumer() throws Exception {
        EmbeddedQueue queue = newQueue(10, clock);
        queue.publish(events("a", 3));
        queue.read("dead-worker", 3, Duration.ZERO);

        clock.advance(Duration.ofSeconds(59));
        assertThat(queue.claimStale("live-worker", Duration.ofMinutes(1), 10)).as("not idle long enough").isEmpty();

        clock.advance(Duration.ofSeconds(1));
        assertThat(queue.claimStale("dead-worker", Duration.ofMinutes(1), 10)).as("own entries are not claimed").isEmpty();
        List<QueuedEvent> claimed = queue.claimStale("live-worker", Duration.ofMinutes(1), 2);
        assertThat(messageIds(claimed)).containsExactly("a0", "a1");
        assertThat(claimed).allSatisfy(e -> assertThat(e.deliveries()).isEqualTo(2));
        assertThat(state(queue).pendingByConsumer()).containsEntry("live-worker", 2L).containsEntry("dead-worker", 1L);

        // just claimed: idle again from now on
        assertThat(queue.claimStale("third-worker", Duration.ofMinutes(1), 10)).extracting(e -> e.event().messageId())
                .containsExactly("a2");
        clock.advance(Duration.ofMinutes(1));
        List<QueuedEvent> reclaimed = queue.claimStale("dead-worker", Duration.ofMinutes(1), 10);
        assertThat(messageIds(reclaimed)).containsExactly("a0", "a1", "a2");
        assertThat(reclaimed).extracting(QueuedEvent::deliveries).containsExactly(3L, 3L, 3L);
        assertThat(queue.stats().pending()).isEqualTo(3);
    }

    @Test
    void keepClaimedResetsTheIdleTimeOfTheOwnersEntries() throws Exception {
        EmbeddedQueue queue = newQueue(10, clock);
        queue.publish(events("a", 2));
        List<QueuedEvent> batch = queue.read("slow-worker", 2, Duration.ZERO);

        clock.advance(Duration.ofSeconds(50));
        queue.keepClaimed("slow-worker", batch);
        queue.keepClaimed("someone-else", batch.subList(0, 1));
        clock.advance(Duration.ofSeconds(50));
        assertThat(queue.claimStale("other", Duration.ofMinutes(1), 10)).as("refreshed 50 s ago").isEmpty();
        clock.advance(Duration.ofSeconds(10));
        assertThat(queue.claimStale("other", Duration.ofMinutes(1), 10)).hasSize(2);
    }

    @Test
    void deadLetterKeepsTheEntryWithItsErrorAndAcknowledgesIt() throws Exception {
        EmbeddedQueue queue = newQueue(10, clock);
        queue.publish(events("a", 2));
        List<QueuedEvent> delivered = queue.read("worker", 2, Duration.ZERO);

        queue.deadLetter(delivered.get(0), "delivered 6 times without being stored");

        assertThat(queue.stats()).isEqualTo(new QueueStats(1, 1, Duration.ZERO, 1));
        assertThat(state(queue).deadLetters()).singleElement().satisfies(d -> {
            assertThat(d.entryId()).isEqualTo(delivered.get(0).entryId());
            assertThat(d.event().messageId()).isEqualTo("a0");
            assertThat(d.error()).isEqualTo("delivered 6 times without being stored");
            assertThat(d.deliveries()).isEqualTo(1);
        });
    }

    @Test
    void deadLettersAreBoundedButCounted() throws Exception {
        int total = InProcessQueue.DEAD_LETTERS_KEPT + 5;
        EmbeddedQueue queue = newQueue(total, clock);
        queue.publish(events("a", total));
        for (QueuedEvent entry : queue.read("worker", total, Duration.ZERO)) {
            queue.deadLetter(entry, "bad");
        }
        assertThat(queue.stats().deadLetters()).isEqualTo(total);
        assertThat(queue.stats().length()).isZero();
        assertThat(state(queue).deadLetters()).hasSize(InProcessQueue.DEAD_LETTERS_KEPT);
        assertThat(state(queue).deadLetters().get(0).event().messageId()).as("the oldest were let go").isEqualTo("a5");
    }

    @Test
    void lagIsTheAgeOfTheOldestUnacknowledgedEntry() throws Exception {
        EmbeddedQueue queue = newQueue(10, clock);
        assertThat(queue.stats().lag()).isEqualTo(Duration.ZERO);
        queue.publish(events("a", 1));
        clock.advance(Duration.ofSeconds(30));
        queue.publish(events("b", 1));
        clock.advance(Duration.ofSeconds(12));
        assertThat(queue.stats().lag()).isEqualTo(Duration.ofSeconds(42));

        List<QueuedEvent> delivered = queue.read("worker", 1, Duration.ZERO);
        assertThat(queue.stats().lag()).as("delivered but not acknowledged still lags").isEqualTo(Duration.ofSeconds(42));
        queue.ack(delivered);
        assertThat(queue.stats().lag()).isEqualTo(Duration.ofSeconds(12));
        queue.ack(queue.read("worker", 1, Duration.ZERO));
        assertThat(queue.stats().lag()).isEqualTo(Duration.ZERO);
    }

    @Test
    void blockingReadReturnsWhenAnEventIsPublished() throws Exception {
        EmbeddedQueue queue = newQueue(10, Clock.systemUTC());
        CountDownLatch reading = new CountDownLatch(1);
        CompletableFuture<List<QueuedEvent>> read = CompletableFuture.supplyAsync(() -> {
            reading.countDown();
            return queue.read("worker", 10, Duration.ofSeconds(30));
        });
        assertThat(reading.await(10, TimeUnit.SECONDS)).isTrue();
        queue.publish(events("a", 1));

        // far sooner than the 30 s block: the publish woke the reader
        assertThat(messageIds(read.get(10, TimeUnit.SECONDS))).containsExactly("a0");
    }

    @Test
    void blockingReadGivesUpEmptyAfterTheBlockTime() {
        EmbeddedQueue queue = newQueue(10, Clock.systemUTC());
        assertThat(queue.read("worker", 10, Duration.ofMillis(20))).isEmpty();
        assertThat(queue.read("worker", 10, Duration.ZERO)).isEmpty();
    }

    @Test
    void concurrentPublishersAndConsumersDeliverEveryEventOnce() throws Exception {
        EmbeddedQueue queue = newQueue(100, Clock.systemUTC());
        int perPublisher = 500;
        List<CompletableFuture<Void>> publishers = new ArrayList<>();
        for (int p = 0; p < 2; p++) {
            String prefix = "p" + p + "-";
            publishers.add(CompletableFuture.runAsync(() -> {
                for (int i = 0; i < perPublisher; i++) {
                    publishUntilAccepted(queue, List.of(TestEvents.page(prefix + i, START)));
                }
            }));
        }
        List<String> consumed = Collections.synchronizedList(new ArrayList<>());
        List<CompletableFuture<Void>> consumers = new ArrayList<>();
        for (int c = 0; c < 2; c++) {
            String consumer = "c" + c;
            consumers.add(CompletableFuture.runAsync(() -> {
                while (consumed.size() < 2 * perPublisher) {
                    List<QueuedEvent> batch = queue.read(consumer, 50, Duration.ofMillis(50));
                    batch.forEach(e -> consumed.add(e.event().messageId()));
                    queue.ack(batch);
                }
            }));
        }
        CompletableFuture.allOf(publishers.toArray(CompletableFuture[]::new)).get(60, TimeUnit.SECONDS);
        CompletableFuture.allOf(consumers.toArray(CompletableFuture[]::new)).get(60, TimeUnit.SECONDS);

        assertThat(consumed).hasSize(2 * perPublisher).doesNotHaveDuplicates();
        assertThat(queue.stats()).isEqualTo(new QueueStats(0, 0, Duration.ZERO, 0));
    }

    private static void publishUntilAccepted(EmbeddedQueue queue, List<Event> events) {
        while (true) {
            try {
                queue.publish(events);
                return;
            } catch (QueueUnavailableException full) {
                // what the collector's client does on a 503: wait a moment and retry
                LockSupport.parkNanos(Duration.ofMillis(1).toNanos());
            }
        }
    }

    @Test
    void isAlwaysReady() {
        assertThat(newQueue(1, clock).isReady()).isTrue();
        assertThat(EmbeddedAdapters.inProcessQueue(1).isReady()).isTrue();
    }

    @Test
    void capacityMustBePositive() {
        assertThatThrownBy(() -> EmbeddedAdapters.inProcessQueue(0)).isInstanceOf(IllegalArgumentException.class);
    }
}
