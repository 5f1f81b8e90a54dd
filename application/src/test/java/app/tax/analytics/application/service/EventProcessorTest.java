package app.tax.analytics.application.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import app.tax.analytics.application.port.in.ProcessEvents.BatchOutcome;
import app.tax.analytics.application.port.out.GeoLocator;
import app.tax.analytics.application.port.out.QueueUnavailableException;
import app.tax.analytics.application.testing.Events;
import app.tax.analytics.application.testing.FixedGeoLocator;
import app.tax.analytics.application.testing.FixedUserAgentParser;
import app.tax.analytics.application.testing.InMemoryEventQueue;
import app.tax.analytics.application.testing.InMemorySessionState;
import app.tax.analytics.application.testing.MutableClock;
import app.tax.analytics.application.testing.RecordingEventStore;
import app.tax.analytics.application.testing.RecordingMetrics;
import app.tax.analytics.domain.enrich.EnrichedEvent;
import app.tax.analytics.domain.enrich.IpAnonymization;
import app.tax.analytics.domain.event.Event;
import app.tax.analytics.domain.session.SessionRule;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class EventProcessorTest {
    private static final Duration FLUSH = Duration.ofSeconds(1);
    private static final Duration CLAIM_IDLE = Duration.ofSeconds(60);
    private static final int BATCH = 3;
    private static final int MAX_DELIVERIES = 3;

    private final MutableClock clock = new MutableClock("2026-03-10T12:00:00Z");
    private final InMemoryEventQueue queue = new InMemoryEventQueue(clock);
    private final RecordingEventStore store = new RecordingEventStore().observing(queue);
    private final RecordingMetrics metrics = new RecordingMetrics();
    private final InMemorySessionState sessions = new InMemorySessionState();
    private FixedGeoLocator geo = new FixedGeoLocator();
    private EventProcessor processor = processor(geo);

    private EventProcessor processor(GeoLocator geoLocator) {
        return processor(geoLocator, new ProcessorSettings("worker-1", BATCH, FLUSH, CLAIM_IDLE, MAX_DELIVERIES));
    }

    private EventProcessor processor(GeoLocator geoLocator, ProcessorSettings settings) {
        EventEnricher enricher = new EventEnricher(geoLocator, new FixedUserAgentParser(), sessions,
                new SessionRule(SessionRule.DEFAULT_TIMEOUT), IpAnonymization.TRUNCATE);
        return new EventProcessor(queue, store, enricher, metrics, settings, clock);
    }

    private List<Event> publish(int count) throws QueueUnavailableException {
        List<Event> events = IntStream.range(0, count)
                .mapToObj(i -> Events.pageView("visitor-" + i, clock.instant().minusSeconds(count - i))).toList();
        queue.publish(events);
        return events;
    }

    private static List<String> messageIds(List<EnrichedEvent> rows) {
        return rows.stream().map(r -> r.event().messageId()).toList();
    }

    @Test
    void nothingInTheQueueIsIdleAfterWaitingOneFlushInterval() {
        Instant before = clock.instant();

        assertThat(processor.processNextBatch()).isEqualTo(new BatchOutcome.Idle());

        assertThat(queue.readBlocks()).containsExactly(FLUSH);
        assertThat(clock.instant()).isEqualTo(before.plus(FLUSH));
        assertThat(store.attempts()).isEmpty();
    }

    @Test
    void aFullBatchIsWrittenAtOnceAndTheRestInLaterBatches() throws Exception {
        List<Event> events = publish(7);

        BatchOutcome first = processor.processNextBatch();
        BatchOutcome second = processor.processNextBatch();
        BatchOutcome third = processor.processNextBatch();

        assertThat(List.of(first, second, third)).containsExactly(
                new BatchOutcome.Written(3, 0), new BatchOutcome.Written(3, 0), new BatchOutcome.Written(1, 0));
        assertThat(store.attempts()).extracting(a -> a.batch().size()).containsExactly(3, 3, 1);
        assertThat(messageIds(store.stored())).containsExactlyInAnyOrderElementsOf(events.stream().map(Event::messageId).toList());
        assertThat(queue.pendingIds()).isEmpty();
        assertThat(metrics.batchesWritten()).containsExactly(3, 3, 1);
    }

    @Test
    void withBacklogGroupsABacklogIsWrittenInGroupsOfBacklogBatchesAndTheRestLater() throws Exception {
        processor = processor(geo, new ProcessorSettings("worker-1", BATCH, FLUSH, CLAIM_IDLE, MAX_DELIVERIES).withBacklogGroups());
        List<Event> events = publish(BATCH * ProcessorSettings.BACKLOG_BATCHES + 4);

        BatchOutcome first = processor.processNextBatch();
        BatchOutcome second = processor.processNextBatch();

        assertThat(List.of(first, second)).containsExactly(
                new BatchOutcome.Written(BATCH * ProcessorSettings.BACKLOG_BATCHES, 0), new BatchOutcome.Written(4, 0));
        assertThat(store.attempts()).extracting(a -> a.batch().size()).containsExactly(BATCH * ProcessorSettings.BACKLOG_BATCHES, 4);
        assertThat(messageIds(store.stored())).containsExactlyInAnyOrderElementsOf(events.stream().map(Event::messageId).toList());
        assertThat(queue.pendingIds()).isEmpty();
        assertThat(metrics.batchesWritten()).containsExactly(BATCH * ProcessorSettings.BACKLOG_BATCHES, 4);
    }

    @Test
    void aPartialBatchWaitsAtMostTheFlushIntervalForMore() throws Exception {
        Instant start = clock.instant();
        Event now = Events.pageView("a", start);
        Event soon = Events.pageView("b", start);
        Event later = Events.pageView("c", start);
        queue.publish(List.of(now));
        queue.arriveAt(start.plusMillis(400), soon);
        queue.arriveAt(start.plusMillis(1500), later);

        BatchOutcome first = processor.processNextBatch();

        assertThat(first).isEqualTo(new BatchOutcome.Written(2, 0));
        assertThat(messageIds(store.stored())).containsExactlyInAnyOrder(now.messageId(), soon.messageId());
        assertThat(clock.instant()).isEqualTo(start.plus(FLUSH));
        assertThat(queue.readBlocks()).allMatch(block -> block.compareTo(FLUSH) <= 0)
                .containsExactly(FLUSH, FLUSH, Duration.ofMillis(600));

        assertThat(processor.processNextBatch()).isEqualTo(new BatchOutcome.Written(1, 0));
        assertThat(messageIds(store.stored())).contains(later.messageId());
    }

    @Test
    void entriesAreAcknowledgedOnlyAfterTheStoreConfirmed() throws Exception {
        publish(2);

        processor.processNextBatch();

        assertThat(store.attempts()).singleElement().satisfies(a -> assertThat(a.ackedBefore()).isEmpty());
        assertThat(queue.ackedIds()).hasSize(2);
    }

    @Test
    void aRefusedBatchIsRetriedWithTheSameTokenBeforeAnythingNewIsRead() throws Exception {
        List<Event> first = publish(2);
        store.failNextWrites(2);

        BatchOutcome refused = processor.processNextBatch();
        List<String> pendingAfterFailure = queue.pendingIds();
        publish(2);
        int readsBeforeRetries = queue.readBlocks().size();
        BatchOutcome refusedAgain = processor.processNextBatch();
        BatchOutcome written = processor.processNextBatch();

        assertThat(refused).isInstanceOf(BatchOutcome.StoreFailed.class);
        assertThat(((BatchOutcome.StoreFailed) refused).pending()).isEqualTo(2);
        assertThat(((BatchOutcome.StoreFailed) refused).error()).contains("store down");
        assertThat(pendingAfterFailure).hasSize(2);
        assertThat(refusedAgain).isInstanceOf(BatchOutcome.StoreFailed.class);
        assertThat(written).isEqualTo(new BatchOutcome.Written(2, 0));
        assertThat(queue.readBlocks()).as("no reads while a batch is unflushed").hasSize(readsBeforeRetries);
        assertThat(queue.keptClaimed()).containsExactly(pendingAfterFailure, pendingAfterFailure);
        assertThat(store.attempts()).hasSize(3).extracting(RecordingEventStore.WriteAttempt::token).containsOnly(store.attempts().get(0).token());
        assertThat(store.attempts()).allSatisfy(a -> assertThat(messageIds(a.batch()))
                .containsExactlyInAnyOrderElementsOf(first.stream().map(Event::messageId).toList()));
        assertThat(store.attempts()).allSatisfy(a -> assertThat(a.ackedBefore()).isEmpty());
        assertThat(queue.ackedIds()).containsExactlyInAnyOrderElementsOf(pendingAfterFailure);
        assertThat(metrics.batchesFailed()).containsExactly(2, 2);
        assertThat(processor.hasPendingBatch()).isFalse();

        assertThat(processor.processNextBatch()).isEqualTo(new BatchOutcome.Written(2, 0));
    }

    @Test
    void whileSessionStateIsUnreachableTheBatchWaitsAndNothingIsDeadLettered() throws Exception {
        List<Event> events = publish(2);
        sessions.failNextReads(2);

        BatchOutcome first = processor.processNextBatch();
        int readsAfterFirst = queue.readBlocks().size();
        BatchOutcome second = processor.processNextBatch();
        BatchOutcome third = processor.processNextBatch();

        assertThat(first).isInstanceOf(BatchOutcome.StoreFailed.class);
        assertThat(second).isInstanceOf(BatchOutcome.StoreFailed.class);
        assertThat(third).isEqualTo(new BatchOutcome.Written(2, 0));
        assertThat(queue.readBlocks()).as("nothing new read while the batch waits").hasSize(readsAfterFirst);
        assertThat(queue.deadLetters()).isEmpty();
        assertThat(store.stored()).extracting(r -> r.event().messageId())
                .containsExactlyInAnyOrderElementsOf(events.stream().map(Event::messageId).toList());
        assertThat(processor.hasPendingBatch()).isFalse();
    }

    @Test
    void anEventTheStoreRefusesIsDeadLetteredAndTheRestOfItsBatchWritten() throws Exception {
        List<Event> events = publish(3);
        store.refuseMessages(events.get(1).messageId());

        BatchOutcome outcome = processor.processNextBatch();

        assertThat(outcome).isEqualTo(new BatchOutcome.Written(2, 1));
        assertThat(store.stored()).extracting(r -> r.event().messageId())
                .containsExactlyInAnyOrder(events.get(0).messageId(), events.get(2).messageId());
        assertThat(queue.pendingIds()).as("every entry acknowledged or dead-lettered").isEmpty();
        assertThat(queue.deadLetters()).hasSize(1).allSatisfy((id, error) -> assertThat(error).contains("value too large"));
        assertThat(processor.hasPendingBatch()).isFalse();
    }

    @Test
    void aFailedAcknowledgementKeepsTheBatchAndWritesItAgainIdempotently() throws Exception {
        publish(2);
        queue.failNextAck(new IllegalStateException("queue connection lost"));

        assertThatThrownBy(processor::processNextBatch).hasMessageContaining("queue connection lost");
        assertThat(processor.hasPendingBatch()).isTrue();
        BatchOutcome retried = processor.processNextBatch();

        assertThat(retried).isEqualTo(new BatchOutcome.Written(2, 0));
        assertThat(store.attempts()).hasSize(2).extracting(RecordingEventStore.WriteAttempt::token)
                .containsOnly(store.attempts().get(0).token());
        assertThat(queue.pendingIds()).isEmpty();
    }

    @Test
    void entriesDeliveredTooOftenAreDeadLetteredAndTheRestWritten() {
        Instant at = clock.instant();
        String poison = queue.leftPendingElsewhere(Events.pageView("p", at), MAX_DELIVERIES);
        String healthy = queue.leftPendingElsewhere(Events.pageView("h", at), MAX_DELIVERIES - 1);

        BatchOutcome outcome = processor.processNextBatch();

        assertThat(outcome).isEqualTo(new BatchOutcome.Written(1, 1));
        assertThat(queue.deadLetters()).containsOnlyKeys(poison);
        assertThat(queue.deadLetters().get(poison)).contains("delivered 4 times");
        assertThat(queue.ackedIds()).containsExactlyInAnyOrder(poison, healthy);
        assertThat(store.stored()).hasSize(1);
        assertThat(metrics.deadLettered()).isEqualTo(1);
    }

    @Test
    void aBatchOfOnlyPoisonEntriesWritesNothing() {
        queue.leftPendingElsewhere(Events.pageView("p", clock.instant()), MAX_DELIVERIES + 5);

        assertThat(processor.processNextBatch()).isEqualTo(new BatchOutcome.Written(0, 1));
        assertThat(store.attempts()).isEmpty();
    }

    @Test
    void anEntryThatCannotBeEnrichedIsDeadLetteredAloneAndTheOthersWritten() throws Exception {
        processor = processor(new FixedGeoLocator().failingFor("198.51.100.66"));
        Event good1 = Events.pageView("a", clock.instant().minusSeconds(3));
        Event bad = Events.withContext(Events.pageView("b", clock.instant().minusSeconds(2)),
                Events.pageView("b", clock.instant()).context().withIp("198.51.100.66"));
        Event good2 = Events.pageView("c", clock.instant().minusSeconds(1));
        queue.publish(List.of(good1, bad, good2));

        BatchOutcome outcome = processor.processNextBatch();

        assertThat(outcome).isEqualTo(new BatchOutcome.Written(2, 1));
        assertThat(messageIds(store.stored())).containsExactlyInAnyOrder(good1.messageId(), good2.messageId());
        assertThat(queue.deadLetters()).hasSize(1).allSatisfy((id, error) ->
                assertThat(error).startsWith("enrichment failed").contains("corrupt GeoIP record"));
        assertThat(queue.pendingIds()).isEmpty();
    }

    @Test
    void staleEntriesOfDeadConsumersAreClaimedFirstAndNowAndThen() throws Exception {
        String stale = queue.leftPendingElsewhere(Events.pageView("s", clock.instant()), 1);
        publish(1);

        BatchOutcome first = processor.processNextBatch();

        assertThat(first).isEqualTo(new BatchOutcome.Written(2, 0));
        assertThat(queue.claimIdles()).containsExactly(CLAIM_IDLE);
        assertThat(queue.ackedIds()).contains(stale);

        processor.processNextBatch();
        assertThat(queue.claimIdles()).as("not again before half the idle time").hasSize(1);

        clock.advance(CLAIM_IDLE.dividedBy(2));
        processor.processNextBatch();
        assertThat(queue.claimIdles()).hasSize(2);
    }

    @Test
    void theDeduplicationTokenDependsOnlyOnTheEvents() {
        Instant at = clock.instant();
        Event a = Events.pageView("a", at);
        Event b = Events.pageView("b", at);
        EventEnricher enricher = new EventEnricher(geo, new FixedUserAgentParser(), new InMemorySessionState(),
                new SessionRule(SessionRule.DEFAULT_TIMEOUT), IpAnonymization.OFF);
        EventEnricher otherEnricher = new EventEnricher(GeoLocator.NONE, new FixedUserAgentParser(), new InMemorySessionState(),
                new SessionRule(SessionRule.DEFAULT_TIMEOUT), IpAnonymization.DROP);

        String token = EventProcessor.deduplicationToken(enricher.enrich(List.of(a, b)));

        assertThat(token).matches("[0-9a-f]{64}");
        assertThat(EventProcessor.deduplicationToken(otherEnricher.enrich(List.of(b, a)))).isEqualTo(token);
        assertThat(EventProcessor.deduplicationToken(enricher.enrich(List.of(a)))).isNotEqualTo(token);
        assertThat(EventProcessor.deduplicationToken(enricher.enrich(List.of(Events.withMessageId(a, "other"), b))))
                .isNotEqualTo(token);
    }

    @Test
    void settingsAreChecked() {
        assertThatThrownBy(() -> new ProcessorSettings("w", 0, FLUSH, CLAIM_IDLE, 1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new ProcessorSettings("w", 100_001, FLUSH, CLAIM_IDLE, 1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new ProcessorSettings("w", 1, Duration.ZERO, CLAIM_IDLE, 1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new ProcessorSettings("w", 1, FLUSH, CLAIM_IDLE, 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new ProcessorSettings(null, 1, FLUSH, CLAIM_IDLE, 1)).isInstanceOf(NullPointerException.class);
        assertThat(ProcessorSettings.defaults("w")).isEqualTo(
                new ProcessorSettings("w", 100, Duration.ofSeconds(1), Duration.ofSeconds(60), 5));
    }

    @Test
    void manyBatchesInARowLoseAndDuplicateNothing() throws Exception {
        List<Event> events = new ArrayList<>(publish(10));
        store.failNextWrites(1);

        for (int i = 0; i < 10 && store.stored().size() < events.size(); i++) {
            processor.processNextBatch();
        }

        assertThat(messageIds(store.stored())).doesNotHaveDuplicates()
                .containsExactlyInAnyOrderElementsOf(events.stream().map(Event::messageId).toList());
        assertThat(queue.pendingIds()).isEmpty();
    }
}
