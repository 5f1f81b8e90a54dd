package app.tax.analytics.adapters.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import app.tax.analytics.application.port.out.QueueStats;
import app.tax.analytics.application.port.out.QueueUnavailableException;
import app.tax.analytics.application.port.out.QueuedEvent;
import app.tax.analytics.domain.event.Event;
import app.tax.analytics.testsupport.contract.EventQueueContract;
import io.lettuce.core.Range;
import io.lettuce.core.StreamMessage;
import io.lettuce.core.cluster.api.sync.RedisClusterCommands;
import io.lettuce.core.models.stream.PendingMessage;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The queue contract against a real Redis (docs/ARCHITECTURE.md, "Pipeline guarantees" and "Tests and fixtures"), and
 * what only a stream queue does (its consumer group, dead-letter stream, trimming, deliveries counted by Redis), run on
 * one server and on a cluster by the subclasses. Each test has a queue (of one shard) of its own.
 */
abstract class AbstractRedisEventQueueTest extends EventQueueContract<RedisQueue> {
    private static final Duration NO_WAIT = Duration.ZERO;
    private static final int MAX_DELIVERIES = 3;

    private final List<RedisConnection> connections = new ArrayList<>();
    private final List<String> deadLettered = new CopyOnWriteArrayList<>();
    /** The stream of every queue a test opened, to look behind it. */
    private final Map<RedisQueue, String> streams = new ConcurrentHashMap<>();
    /** Every stream opened, with its settings' key (of its shard registry), to delete afterwards. */
    private final Map<String, String> openedStreams = new ConcurrentHashMap<>();
    private RedisSettings settings;
    private RedisQueue queue;
    private String stream;

    /** The Redis of the subclass: one server or a cluster. */
    abstract String url();

    /** A plain client of that Redis, for looking behind the queue. */
    abstract RawRedis raw();

    @BeforeEach
    void connect() {
        settings = new RedisSettings(url(), "test-events-" + UUID.randomUUID(), "processors", Duration.ofSeconds(4),
                1_000_000, MAX_DELIVERIES).withCluster(null, 1, -1, null);
        queue = open(settings, RedisEventQueue.DEFAULT_TRIM_EVERY_ACKS).eventQueue();
        stream = streamOf(queue, settings);
    }

    private String streamOf(RedisQueue opened, RedisSettings openedWith) {
        String key = ((RedisEventQueue) opened).shards().layout(openedWith.commandTimeout()).streams().get(0);
        streams.put(opened, key);
        openedStreams.put(key, openedWith.streamKey());
        return key;
    }

    @Override
    protected RedisQueue newQueue(int capacity) {
        RedisSettings own = new RedisSettings(url(), "test-events-" + UUID.randomUUID(), "processors", Duration.ofSeconds(4),
                capacity, MAX_DELIVERIES).withCluster(null, 1, -1, null);
        RedisQueue opened = open(own, RedisEventQueue.DEFAULT_TRIM_EVERY_ACKS).eventQueue();
        streamOf(opened, own);
        return opened;
    }

    @Override
    protected void letTimePass(Duration duration) throws InterruptedException {
        Thread.sleep(duration.toMillis());
    }

    @Override
    protected Map<String, Long> pendingByConsumer(RedisQueue of) {
        return redisCommands().xpending(streams.get(of), settings.consumerGroup()).getConsumerMessageCount();
    }

    private RedisConnection open(RedisSettings connectionSettings, int trimEveryAcks) {
        RedisObserver countingDeadLetters = new RedisObserver() {
            @Override
            public void deadLettered(String stream, String reason) {
                deadLettered.add(reason);
            }
        };
        RedisConnection connection = new LettuceRedisConnection(connectionSettings,
                RedisAdapters.parseSeeds(connectionSettings.url()), trimEveryAcks, countingDeadLetters);
        connections.add(connection);
        return connection;
    }

    @AfterEach
    void cleanUp() {
        connections.forEach(RedisConnection::close);
        for (Map.Entry<String, String> opened : openedStreams.entrySet()) {
            redisCommands().del(opened.getKey(), opened.getKey() + ":dead");
            redisCommands().del(opened.getValue() + ":shards");
        }
    }

    private RedisClusterCommands<String, String> redisCommands() {
        return raw().commands();
    }

    private String deadLetterKey() {
        return stream + ":dead";
    }

    private static String streamIdOf(QueuedEvent entry) {
        return RedisEventQueue.EntryId.parse(entry.entryId()).streamId();
    }

    @Test
    void theGroupIsCreatedWithItsStreamOnceHoweverManyProcessorsStart() {
        QueueStats first = queue.stats();
        QueueStats second = open(settings, RedisEventQueue.DEFAULT_TRIM_EVERY_ACKS).eventQueue().stats();

        assertThat(first.length()).isZero();
        assertThat(second.length()).isZero();
        assertThat(redisCommands().exists(stream)).isEqualTo(1);
        List<Object> groups = redisCommands().xinfoGroups(stream);
        assertThat(ConsumerGroupInfo.parseAll(groups)).extracting(ConsumerGroupInfo::name).containsExactly("processors");
    }

    @Test
    void acknowledgedEntriesStayInTheStreamUntilTrimmed() throws Exception {
        queue.publish(List.of(TestEvents.everyField(), TestEvents.track("a"), TestEvents.track("b")));

        List<QueuedEvent> read = queue.read("p-1", 10, SHORT_WAIT);
        queue.ack(read.subList(0, 2));
        assertThat(queue.stats().pending()).isEqualTo(1);
        queue.ack(read.subList(2, 3));

        assertThat(queue.stats().pending()).isZero();
        assertThat(queue.stats().length()).as("acknowledging does not delete").isEqualTo(3);
    }

    @Test
    void deliveriesAreCountedAndAnEntryDeliveredTooOftenEndsInTheDeadLetters() throws Exception {
        Event poison = TestEvents.track("poison");
        queue.publish(List.of(poison));
        assertThat(queue.read("p-1", 1, SHORT_WAIT)).extracting(QueuedEvent::deliveries).containsExactly(1L);

        List<Long> deliveries = new ArrayList<>();
        for (int claim = 0; claim < MAX_DELIVERIES - 1; claim++) {
            deliveries.addAll(queue.claimStale("p-" + claim, NO_WAIT, 10).stream().map(QueuedEvent::deliveries).toList());
        }
        List<QueuedEvent> overTheLimit = queue.claimStale("p-last", NO_WAIT, 10);

        assertThat(deliveries).containsExactly(2L, 3L);
        assertThat(overTheLimit).isEmpty();
        assertThat(queue.stats().pending()).isZero();
        assertThat(queue.stats().deadLetters()).isEqualTo(1);
        Map<String, String> deadLetter = onlyDeadLetter();
        assertThat(deadLetter.get("error")).contains("delivered 4 times");
        assertThat(deadLetter.get("deliveries")).isEqualTo("4");
        assertThat(deadLettered).as("counted for the metric").containsExactly("too many deliveries");
        assertThat(new EventCodec().decode(deadLetter.get("event"))).isEqualTo(poison);
    }

    @Test
    void aDeadLetterCarriesTheEventTheErrorAndTheEntryIdAndIsAcknowledged() throws Exception {
        queue.publish(List.of(TestEvents.everyField()));
        QueuedEvent entry = queue.read("p-1", 1, SHORT_WAIT).get(0);

        queue.deadLetter(entry, "store rejected it: column too long");
        queue.deadLetter(entry, "the same entry again");

        Map<String, String> deadLetter = onlyDeadLetter();
        assertThat(deadLetter).containsEntry("error", "store rejected it: column too long")
                .containsEntry("entryId", streamIdOf(entry))
                .containsEntry("deliveries", "1");
        assertThat(new EventCodec().decode(deadLetter.get("event"))).isEqualTo(entry.event());
        assertThat(queue.stats().pending()).isZero();
        assertThat(queue.stats().deadLetters()).as("moved once").isEqualTo(1);
        assertThat(deadLettered).as("the processor counts what it sets aside itself").isEmpty();
    }

    @Test
    void anEntryThatIsNotAnEventGoesStraightToTheDeadLetters() throws Exception {
        queue.stats(); // creates the group before the foreign entry arrives
        redisCommands().xadd(stream, Map.of(RedisEventQueue.PAYLOAD_FIELD, "{broken"));
        queue.publish(List.of(TestEvents.track("fine")));

        List<QueuedEvent> read = queue.read("p-1", 10, SHORT_WAIT);

        assertThat(read).extracting(entry -> entry.event().messageId()).containsExactly("fine");
        assertThat(onlyDeadLetter()).containsEntry("event", "{broken").hasEntrySatisfying("error",
                error -> assertThat(error).startsWith("not a readable event"));
        assertThat(deadLettered).as("counted for the metric").containsExactly("unreadable");
        assertThat(queue.stats().pending()).as("only the good entry waits for its acknowledgement").isEqualTo(1);
    }

    @Test
    void trimmingNeverRemovesPendingOrUndeliveredEntries() throws Exception {
        RedisEventQueue trimmingQueue = (RedisEventQueue) queue;
        publishInBatches(TestEvents.tracks("t", 300));
        List<QueuedEvent> delivered = queue.read("p-1", 200, SHORT_WAIT);
        QueuedEvent stillPendingEarly = delivered.get(49);
        QueuedEvent stillPendingLate = delivered.get(120);
        List<QueuedEvent> done = new ArrayList<>(delivered);
        done.removeAll(List.of(stillPendingEarly, stillPendingLate));
        queue.ack(done);

        long removedWhilePending = trimmingQueue.trimAcknowledged(true);

        assertThat(removedWhilePending).isEqualTo(49);
        assertThat(entryExists(streamIdOf(stillPendingEarly))).isTrue();
        assertThat(entryExists(streamIdOf(stillPendingLate))).isTrue();

        queue.ack(List.of(stillPendingEarly, stillPendingLate));
        long removedWhenAllAcknowledged = trimmingQueue.trimAcknowledged(true);

        assertThat(removedWhenAllAcknowledged).as("all delivered entries but the last delivered one").isEqualTo(150);
        assertThat(queue.read("p-1", 500, SHORT_WAIT)).as("the undelivered entries are all still there")
                .extracting(entry -> entry.event().messageId())
                .containsExactlyElementsOf(TestEvents.tracks("t", 300).subList(200, 300).stream().map(Event::messageId).toList());
    }

    @Test
    void acknowledgingTrimsNowAndThenWithoutTouchingWhatIsPending() throws Exception {
        RedisQueue trimmingEvery50Acks = open(settings, 50).eventQueue();
        publishInBatches(TestEvents.tracks("auto", 400));
        List<QueuedEvent> delivered = trimmingEvery50Acks.read("p-1", 400, SHORT_WAIT);
        QueuedEvent stillPending = delivered.get(300);
        List<QueuedEvent> done = new ArrayList<>(delivered);
        done.remove(stillPending);

        for (int from = 0; from < done.size(); from += 25) {
            trimmingEvery50Acks.ack(done.subList(from, Math.min(done.size(), from + 25)));
        }

        long length = redisCommands().xlen(stream);
        assertThat(length).as("approximate trimming removed whole nodes below the pending entry").isLessThan(400).isGreaterThanOrEqualTo(100);
        assertThat(entryExists(streamIdOf(stillPending))).isTrue();
        assertThat(redisCommands().xrange(stream, Range.create(streamIdOf(stillPending), "+"))).hasSize(100);
    }

    private void publishInBatches(List<Event> events) throws QueueUnavailableException {
        for (int from = 0; from < events.size(); from += 100) {
            queue.publish(events.subList(from, Math.min(events.size(), from + 100)));
        }
    }

    private List<PendingMessage> pendingEntries() {
        return redisCommands().xpending(stream, settings.consumerGroup(), Range.create("-", "+"),
                io.lettuce.core.Limit.from(100));
    }

    private boolean entryExists(String id) {
        return !redisCommands().xrange(stream, Range.create(id, id)).isEmpty();
    }

    private Map<String, String> onlyDeadLetter() {
        List<StreamMessage<String, String>> deadLetters = redisCommands().xrange(deadLetterKey(), Range.create("-", "+"));
        assertThat(deadLetters).hasSize(1);
        return deadLetters.get(0).getBody();
    }
}
