package app.tax.analytics.testsupport.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import app.tax.analytics.application.port.out.ConsumeEvents;
import app.tax.analytics.application.port.out.PublishEvents;
import app.tax.analytics.application.port.out.QueueHealth;
import app.tax.analytics.application.port.out.QueueStats;
import app.tax.analytics.application.port.out.QueueUnavailableException;
import app.tax.analytics.application.port.out.QueuedEvent;
import app.tax.analytics.domain.event.Event;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.Test;

/**
 * What every event queue must do, whatever keeps it (docs/ARCHITECTURE.md, "Pipeline guarantees"): the in-process
 * queue, the queue on disk, Redis streams on one server and on a cluster each run it through a subclass. One consumer
 * group: every entry is delivered to one consumer, pending there until acknowledged, claimed by another once idle.
 * A queue's own matters (its files, its streams, its clock) stay in its own tests.
 *
 * @param <Q> the queue in all its roles
 */
public abstract class EventQueueContract<Q extends PublishEvents & ConsumeEvents & QueueHealth> {
    /** What a read waits when it should find something or nothing at once (Redis reads BLOCK 0 as "forever"). */
    protected static final Duration SHORT_WAIT = Duration.ofMillis(50);

    /** A new, empty queue of its own refusing publishes beyond {@code capacity} entries not yet processed. */
    protected abstract Q newQueue(int capacity);

    /** Lets {@code duration} pass for the queue (a test clock moves; a server's time is waited out). */
    protected abstract void letTimePass(Duration duration) throws InterruptedException;

    /** The entries pending (delivered, not acknowledged) at each consumer, as the queue itself keeps them. */
    protected abstract Map<String, Long> pendingByConsumer(Q queue);

    /**
     * The figures of a queue whose every entry was read and acknowledged. A stream still holds acknowledged entries
     * until trimmed, so the length is the subclass's to check.
     */
    protected void assertDrained(QueueStats stats) {
        assertThat(stats.pending()).isZero();
        assertThat(stats.lag()).isZero();
        assertThat(stats.deadLetters()).isZero();
    }

    public static List<String> messageIds(List<QueuedEvent> entries) {
        return entries.stream().map(entry -> entry.event().messageId()).toList();
    }

    @Test
    void aNewQueueIsEmptyAndReady() {
        Q queue = newQueue(10);

        assertThat(queue.stats()).isEqualTo(new QueueStats(0, 0, Duration.ZERO, 0));
        assertThat(queue.isReady()).isTrue();
    }

    @Test
    void eventsAreReadInOrderOnceByTheGroupAndStayPendingUntilAcknowledged() throws Exception {
        Q queue = newQueue(10);
        List<Event> events = List.of(QueueEvents.everyField(), QueueEvents.track("a"), QueueEvents.track("b"));
        queue.publish(events);

        List<QueuedEvent> first = queue.read("p-1", 2, SHORT_WAIT);

        assertThat(first).extracting(QueuedEvent::event).as("as published, every field intact")
                .containsExactlyElementsOf(events.subList(0, 2));
        assertThat(first).extracting(QueuedEvent::deliveries).containsOnly(1L);
        assertThat(queue.read("p-2", 10, SHORT_WAIT)).as("a read delivers only new entries: nothing twice")
                .extracting(QueuedEvent::event).containsExactly(events.get(2));
        assertThat(queue.read("p-1", 10, SHORT_WAIT)).isEmpty();
        assertThat(queue.read("p-2", 10, SHORT_WAIT)).isEmpty();
        assertThat(queue.stats().pending()).isEqualTo(3);
        assertThat(queue.stats().length()).isEqualTo(3);
        assertThat(pendingByConsumer(queue)).containsOnly(Map.entry("p-1", 2L), Map.entry("p-2", 1L));

        queue.ack(first.subList(0, 1));
        assertThat(queue.stats().pending()).isEqualTo(2);
        queue.ack(first);
        assertThat(queue.stats().pending()).as("acknowledging again changes nothing").isEqualTo(1);
        assertThat(pendingByConsumer(queue)).containsOnly(Map.entry("p-2", 1L));
    }

    @Test
    void publishRefusesWholeCallsBeyondCapacityAndNeverDrops() throws Exception {
        Q queue = newQueue(5);
        queue.publish(QueueEvents.tracks("a", 3));

        assertThatThrownBy(() -> queue.publish(QueueEvents.tracks("b", 3)))
                .isInstanceOf(QueueUnavailableException.class).hasMessageContaining("full");
        assertThat(queue.stats().length()).as("all or nothing: none of the refused call's events went in").isEqualTo(3);
        queue.publish(QueueEvents.tracks("c", 2));
        assertThat(queue.stats().length()).isEqualTo(5);
        List<QueuedEvent> all = queue.read("worker", 10, SHORT_WAIT);
        assertThat(messageIds(all)).containsExactly("a0", "a1", "a2", "c0", "c1");

        queue.ack(all);
        queue.publish(QueueEvents.tracks("after-processing", 2));
        assertThat(messageIds(queue.read("worker", 10, SHORT_WAIT))).containsExactly("after-processing0", "after-processing1");
    }

    @Test
    void pendingEntriesCountAgainstCapacityUntilAcknowledged() throws Exception {
        Q queue = newQueue(2);
        queue.publish(QueueEvents.tracks("a", 2));
        List<QueuedEvent> delivered = queue.read("worker", 2, SHORT_WAIT);

        assertThatThrownBy(() -> queue.publish(QueueEvents.tracks("b", 1))).isInstanceOf(QueueUnavailableException.class);
        queue.ack(delivered);
        queue.publish(QueueEvents.tracks("b", 1));
        assertThat(messageIds(queue.read("worker", 10, SHORT_WAIT))).containsExactly("b0");
    }

    @Test
    void entriesLeftIdleByAConsumerAreClaimedByAnotherOnceIdleLongEnough() throws Exception {
        Duration minIdle = Duration.ofMillis(300);
        Q queue = newQueue(10);
        queue.publish(QueueEvents.tracks("a", 3));
        List<QueuedEvent> takenByTheDeadOne = queue.read("dead-worker", 10, SHORT_WAIT);

        assertThat(queue.claimStale("live-worker", minIdle, 10)).as("not idle long enough yet").isEmpty();
        letTimePass(minIdle.plusMillis(50));
        List<QueuedEvent> claimed = queue.claimStale("live-worker", minIdle, 2);

        assertThat(claimed).extracting(QueuedEvent::entryId)
                .containsExactlyElementsOf(takenByTheDeadOne.subList(0, 2).stream().map(QueuedEvent::entryId).toList());
        assertThat(claimed).extracting(QueuedEvent::event)
                .containsExactlyElementsOf(takenByTheDeadOne.subList(0, 2).stream().map(QueuedEvent::event).toList());
        assertThat(claimed).extracting(QueuedEvent::deliveries).containsOnly(2L);
        assertThat(pendingByConsumer(queue)).containsOnly(Map.entry("live-worker", 2L), Map.entry("dead-worker", 1L));

        assertThat(messageIds(queue.claimStale("third-worker", minIdle, 10))).as("just claimed: idle again from now on")
                .containsExactly("a2");
        letTimePass(minIdle.plusMillis(50));
        List<QueuedEvent> reclaimed = queue.claimStale("dead-worker", minIdle, 10);
        assertThat(messageIds(reclaimed)).containsExactly("a0", "a1", "a2");
        assertThat(reclaimed).extracting(QueuedEvent::deliveries).containsExactly(3L, 3L, 3L);
        assertThat(queue.stats().pending()).isEqualTo(3);

        queue.ack(reclaimed);
        assertThat(queue.stats().pending()).isZero();
    }

    @Test
    void aConsumerStillWorkingOnItsEntriesKeepsThem() throws Exception {
        Duration minIdle = Duration.ofMillis(500);
        Q queue = newQueue(10);
        queue.publish(QueueEvents.tracks("a", 2));
        List<QueuedEvent> batch = queue.read("slow-worker", 2, SHORT_WAIT);

        letTimePass(Duration.ofMillis(300));
        queue.keepClaimed("slow-worker", batch);
        letTimePass(Duration.ofMillis(300));
        assertThat(queue.claimStale("other", minIdle, 10)).as("refreshed 300 ms ago").isEmpty();
        assertThat(pendingByConsumer(queue)).containsOnly(Map.entry("slow-worker", 2L));

        letTimePass(Duration.ofMillis(300));
        assertThat(queue.claimStale("other", minIdle, 10)).as("keeping is not another delivery")
                .hasSize(2).extracting(QueuedEvent::deliveries).containsOnly(2L);
    }

    @Test
    void aDeadLetterIsAcknowledgedCountedAndNeverDeliveredAgain() throws Exception {
        Q queue = newQueue(10);
        queue.publish(QueueEvents.tracks("a", 2));
        List<QueuedEvent> delivered = queue.read("worker", 2, SHORT_WAIT);

        queue.deadLetter(delivered.get(0), "delivered 6 times without being stored");

        assertThat(queue.stats().pending()).isEqualTo(1);
        assertThat(queue.stats().deadLetters()).isEqualTo(1);
        letTimePass(Duration.ofMillis(50));
        assertThat(messageIds(queue.claimStale("other", Duration.ZERO, 10))).containsExactly("a1");
    }

    @Test
    void statsReportLengthPendingLagAndDeadLetters() throws Exception {
        Q queue = newQueue(10);
        queue.publish(QueueEvents.tracks("s", 3));
        letTimePass(Duration.ofMillis(60));

        QueueStats undelivered = queue.stats();
        List<QueuedEvent> first = queue.read("p-1", 1, SHORT_WAIT);
        QueueStats oneDelivered = queue.stats();
        queue.ack(first);
        List<QueuedEvent> rest = queue.read("p-1", 10, SHORT_WAIT);
        queue.deadLetter(rest.get(0), "broken");
        queue.ack(rest.subList(1, 2));
        QueueStats caughtUp = queue.stats();

        assertThat(undelivered.length()).isEqualTo(3);
        assertThat(undelivered.pending()).isZero();
        assertThat(undelivered.lag()).as("the oldest entry waits undelivered").isGreaterThanOrEqualTo(Duration.ofMillis(50));
        assertThat(oneDelivered.pending()).isEqualTo(1);
        assertThat(oneDelivered.lag()).as("delivered but not acknowledged still lags").isGreaterThanOrEqualTo(undelivered.lag());
        assertThat(caughtUp.pending()).isZero();
        assertThat(caughtUp.lag()).isZero();
        assertThat(caughtUp.deadLetters()).isEqualTo(1);
        assertThat(queue.isReady()).isTrue();
    }

    @Test
    void aBlockingReadReturnsAsSoonAsAnEventIsPublishedAndDoesNotHoldUpPublishing() throws Exception {
        Duration block = Duration.ofMillis(1_500);
        Q queue = newQueue(10);
        queue.stats();
        CountDownLatch reading = new CountDownLatch(1);
        CompletableFuture<Duration> readTook = new CompletableFuture<>();
        CompletableFuture<List<QueuedEvent>> waitingReader = CompletableFuture.supplyAsync(() -> {
            reading.countDown();
            long started = System.nanoTime();
            List<QueuedEvent> read = queue.read("p-1", 10, block);
            readTook.complete(Duration.ofNanos(System.nanoTime() - started));
            return read;
        });
        assertThat(reading.await(10, TimeUnit.SECONDS)).isTrue();
        Thread.sleep(100); // the read is on its way to the server

        long started = System.nanoTime();
        queue.publish(List.of(QueueEvents.track("while-blocked")));
        Duration publishing = Duration.ofNanos(System.nanoTime() - started);

        assertThat(publishing).as("publishing did not wait for the blocked read").isLessThan(block);
        assertThat(messageIds(waitingReader.get(block.toMillis() * 2, TimeUnit.MILLISECONDS))).containsExactly("while-blocked");
        assertThat(readTook.get()).as("the publish woke the reader").isLessThan(block);
    }

    @Test
    void aReadWithNothingToDeliverGivesUpEmptyAfterTheBlockTime() {
        Q queue = newQueue(10);

        assertThat(queue.read("worker", 10, Duration.ofMillis(20))).isEmpty();
        assertThat(queue.read("worker", 10, Duration.ZERO)).isEmpty();
    }

    @Test
    void concurrentPublishersAndConsumersDeliverEveryEventOnce() throws Exception {
        Q queue = newQueue(100);
        int perPublisher = 500;
        List<CompletableFuture<Void>> publishers = new ArrayList<>();
        for (int p = 0; p < 2; p++) {
            String prefix = "p" + p + "-";
            publishers.add(CompletableFuture.runAsync(() -> {
                for (int i = 0; i < perPublisher; i++) {
                    publishUntilAccepted(queue, List.of(QueueEvents.track(prefix + i)));
                }
            }));
        }
        List<String> consumed = Collections.synchronizedList(new ArrayList<>());
        List<CompletableFuture<Void>> consumers = new ArrayList<>();
        for (int c = 0; c < 2; c++) {
            String consumer = "c" + c;
            consumers.add(CompletableFuture.runAsync(() -> {
                while (consumed.size() < 2 * perPublisher) {
                    List<QueuedEvent> batch = queue.read(consumer, 50, SHORT_WAIT);
                    batch.forEach(e -> consumed.add(e.event().messageId()));
                    queue.ack(batch);
                }
            }));
        }
        CompletableFuture.allOf(publishers.toArray(CompletableFuture[]::new)).get(60, TimeUnit.SECONDS);
        CompletableFuture.allOf(consumers.toArray(CompletableFuture[]::new)).get(60, TimeUnit.SECONDS);

        assertThat(consumed).hasSize(2 * perPublisher).doesNotHaveDuplicates();
        assertDrained(queue.stats());
    }

    private static void publishUntilAccepted(PublishEvents queue, List<Event> events) {
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
}
