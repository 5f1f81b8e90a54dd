package app.tax.analytics.adapters.embedded;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import app.tax.analytics.application.port.out.QueueStats;
import app.tax.analytics.application.port.out.QueueUnavailableException;
import app.tax.analytics.application.port.out.QueuedEvent;
import app.tax.analytics.domain.event.Event;
import app.tax.analytics.testsupport.contract.EventQueueContract;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * The queue contract on the in-process queue, and what its test clock and its in-memory state let us check exactly;
 * {@link SegmentLogQueueSemanticsTest} runs the same tests against the durable queue.
 */
class InProcessQueueTest extends EventQueueContract<EmbeddedQueue> {
    static final Instant START = Instant.parse("2024-03-09T10:00:00Z");
    final MutableClock clock = new MutableClock(START);

    EmbeddedQueue newQueue(int capacity, Clock queueClock) {
        return new InProcessQueue(capacity, queueClock);
    }

    @Override
    protected EmbeddedQueue newQueue(int capacity) {
        return newQueue(capacity, clock);
    }

    @Override
    protected void letTimePass(Duration duration) {
        clock.advance(duration);
    }

    @Override
    protected Map<String, Long> pendingByConsumer(EmbeddedQueue queue) {
        return state(queue).pendingByConsumer();
    }

    /** Acknowledged entries are gone: the queue is back to nothing at all. */
    @Override
    protected void assertDrained(QueueStats stats) {
        assertThat(stats).isEqualTo(new QueueStats(0, 0, Duration.ZERO, 0));
    }

    /** The in-memory state behind a queue made by {@link #newQueue}. */
    static InProcessQueue state(EmbeddedQueue queue) {
        return queue instanceof SegmentLogQueue durable ? durable.memory() : (InProcessQueue) queue;
    }

    static List<Event> events(String prefix, int count) {
        return IntStream.range(0, count).mapToObj(i -> TestEvents.page(prefix + i, START)).toList();
    }

    @Test
    void theLengthCountsWhatIsNotYetAcknowledged() throws Exception {
        EmbeddedQueue queue = newQueue(10, clock);
        queue.publish(events("a", 3));
        List<QueuedEvent> first = queue.read("worker-1", 2, Duration.ZERO);
        queue.read("worker-2", 10, Duration.ZERO);

        assertThat(queue.stats()).isEqualTo(new QueueStats(3, 3, Duration.ZERO, 0));
        queue.ack(first);
        queue.ack(first);
        assertThat(queue.stats().length()).isEqualTo(1);
        assertThat(queue.stats().pending()).isEqualTo(1);

        EmbeddedQueue full = newQueue(2, clock);
        full.publish(events("a", 2));
        full.ack(full.read("worker", 2, Duration.ZERO));
        full.publish(events("b", 1));
        assertThat(full.stats().length()).isEqualTo(1);
    }

    @Test
    void ackOfUnknownIdsIsIgnored() throws Exception {
        EmbeddedQueue queue = newQueue(10, clock);
        queue.publish(events("a", 1));
        queue.ack(List.of(new QueuedEvent("999", TestEvents.page("x", START), 1), new QueuedEvent("not-a-number", TestEvents.page("y", START), 1)));
        assertThat(queue.stats().length()).isEqualTo(1);
    }

    @Test
    void anEntryIsStaleOnceIdleForTheWholeMinimumAndNeverToItsOwnConsumer() throws Exception {
        EmbeddedQueue queue = newQueue(10, clock);
        queue.publish(events("a", 3));
        queue.read("dead-worker", 3, Duration.ZERO);

        clock.advance(Duration.ofSeconds(59));
        assertThat(queue.claimStale("live-worker", Duration.ofMinutes(1), 10)).as("not idle long enough").isEmpty();

        clock.advance(Duration.ofSeconds(1));
        assertThat(queue.claimStale("dead-worker", Duration.ofMinutes(1), 10)).as("own entries are not claimed").isEmpty();
        assertThat(messageIds(queue.claimStale("live-worker", Duration.ofMinutes(1), 2))).containsExactly("a0", "a1");
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
    void isAlwaysReady() {
        assertThat(newQueue(1, clock).isReady()).isTrue();
        assertThat(EmbeddedAdapters.inProcessQueue(1).isReady()).isTrue();
    }

    @Test
    void itIsFullWhileItsCapacityIsTakenUntilAnAckFreesRoom() throws Exception {
        EmbeddedQueue queue = newQueue(2, clock);
        assertThat(queue.isFull()).isFalse();
        queue.publish(events("a", 1));
        assertThat(queue.isFull()).as("room for one more").isFalse();
        queue.publish(events("b", 1));
        assertThat(queue.isFull()).isTrue();
        assertThatThrownBy(() -> queue.publish(events("c", 1))).isInstanceOf(QueueUnavailableException.class);

        List<QueuedEvent> delivered = queue.read("worker", 1, Duration.ZERO);
        assertThat(queue.isFull()).as("a delivered entry still counts until acknowledged").isTrue();
        queue.ack(delivered);
        assertThat(queue.isFull()).isFalse();
        queue.publish(events("d", 1));
    }

    @Test
    void capacityMustBePositive() {
        assertThatThrownBy(() -> EmbeddedAdapters.inProcessQueue(0)).isInstanceOf(IllegalArgumentException.class);
    }
}
