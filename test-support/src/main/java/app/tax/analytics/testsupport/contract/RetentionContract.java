package app.tax.analytics.testsupport.contract;

import static org.assertj.core.api.Assertions.assertThat;

import app.tax.analytics.application.port.out.EventStore;
import app.tax.analytics.application.port.out.StatsReader;
import app.tax.analytics.domain.enrich.EnrichedEvent;
import app.tax.analytics.domain.event.EventContext;
import app.tax.analytics.domain.event.Event;
import app.tax.analytics.domain.event.EventType;
import app.tax.analytics.domain.stats.Metric;
import app.tax.analytics.domain.stats.StatsQuery;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * {@code RETENTION_DAYS} on a store: {@link EventStore#deleteOlderThan} removes exactly the events before
 * the cutoff. Run unchanged against every store, on a store of its own (source "retention").
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
public abstract class RetentionContract {
    private static final String SOURCE = "retention";

    /** An empty store, used by this class only. */
    protected abstract EventStore eventStore();

    protected abstract StatsReader statsReader();

    @Test
    void eventsBeforeTheCutoffAreDeletedAndLaterOnesKept() {
        eventStore().write(List.of(
                page("old-1", "visitor-old", "2024-01-01T10:00:00Z"),
                page("old-2", "visitor-old", "2024-01-04T23:59:59.999Z"),
                page("kept-1", "visitor-new", "2024-01-05T00:00:00Z"),
                page("kept-2", "visitor-new", "2024-01-09T08:00:00Z")), "retention-batch");

        eventStore().deleteOlderThan(Instant.parse("2024-01-05T00:00:00Z"));

        StatsQuery wholeMonth = new StatsQuery(SOURCE, Instant.parse("2024-01-01T00:00:00Z"),
                Instant.parse("2024-02-01T00:00:00Z"), ZoneOffset.UTC, List.of());
        var overview = statsReader().overview(wholeMonth);
        assertThat(overview.count(Metric.EVENTS)).as("events at or after the cutoff").isEqualTo(2);
        assertThat(overview.count(Metric.VISITORS)).isEqualTo(1);
        assertThat(statsReader().visitorsSince(SOURCE, Instant.parse("2024-01-01T00:00:00Z"))).isEqualTo(1);

        eventStore().deleteOlderThan(Instant.parse("2024-01-05T00:00:00Z"));
        assertThat(statsReader().overview(wholeMonth).count(Metric.EVENTS)).as("repeating it changes nothing").isEqualTo(2);
    }

    private static EnrichedEvent page(String messageId, String visitor, String at) {
        Instant time = Instant.parse(at);
        Event event = new Event(SOURCE, EventType.PAGE, messageId, null, visitor, time, time, null, time, null, null,
                null, null, EventContext.EMPTY, null, null);
        return new EnrichedEvent(event, visitor, visitor + "-session", null, null, null, null, null);
    }
}
