package app.tax.analytics.adapters.clickhouse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import app.tax.analytics.application.port.out.EventStore;
import app.tax.analytics.application.port.out.StoreUnavailableException;
import app.tax.analytics.domain.enrich.EnrichedEvent;
import app.tax.analytics.domain.event.Subject;
import app.tax.analytics.domain.event.Event;
import app.tax.analytics.domain.event.EventContext;
import app.tax.analytics.domain.event.EventType;
import app.tax.analytics.domain.event.PageInfo;
import app.tax.analytics.domain.stats.BreakdownRow;
import app.tax.analytics.domain.stats.Dimension;
import app.tax.analytics.domain.stats.Metric;
import app.tax.analytics.domain.stats.StatsQuery;
import app.tax.analytics.domain.traffic.UrlParts;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ClickHouseEventStoreTest {
    private static final Instant T0 = Instant.parse("2025-06-02T10:00:00Z");
    private ClickHouseTestDatabase database;
    private EventStore store;

    @BeforeAll
    void migrate() {
        database = ClickHouseTestDatabase.migrated("events");
        store = database.connection.events();
    }

    @AfterAll
    void drop() {
        if (database != null) {
            database.close();
        }
    }

    @BeforeEach
    void empty() {
        database.execute("TRUNCATE TABLE events");
        database.execute("TRUNCATE TABLE sessions");
    }

    @Test
    void aBatchSentAgainWithItsTokenIsStoredOnce() {
        List<EnrichedEvent> batch = List.of(page("m1", "anon-1", T0, Map.of()), page("m2", "anon-1", T0.plusSeconds(5), Map.of()));
        store.write(batch, "token-once-1");
        store.write(batch, "token-once-1");

        assertThat(database.count("SELECT count() FROM events")).isEqualTo(2);
    }

    @Test
    void aClientRetryInAnotherBatchIsStoredButCountedOnce() {
        store.write(List.of(page("r1", "anon-2", T0, Map.of())), "token-retry-1");
        store.write(List.of(page("r1", "anon-2", T0.plusMillis(3), Map.of()), page("r1", "anon-2", T0.plusMillis(3), Map.of())),
                "token-retry-2");

        assertThat(database.count("SELECT count() FROM events")).as("rows: the retry's own copies collapse within its batch").isEqualTo(2);
        var overview = database.connection.stats().overview(day());
        assertThat(overview.count(Metric.EVENTS)).isEqualTo(1);
        assertThat(overview.count(Metric.PAGEVIEWS)).isEqualTo(1);
    }

    @Test
    void aRetryOnTheOtherSideOfMidnightCountsOnceAsItsFirstWrittenCopy() {
        Instant midnight = Instant.parse("2025-06-02T00:00:00Z");
        // copies of one message whose corrected timestamps fall on different days keep different sorting keys
        store.write(List.of(page("late", "anon-7", midnight.minusMillis(2), Map.of("copy", "first")),
                page("early", "anon-7", midnight.plusMillis(1), Map.of("copy", "first"))), "token-midnight-1");
        store.write(List.of(page("late", "anon-7", midnight.plusMillis(3), Map.of("copy", "retry")),
                page("early", "anon-7", midnight.minusMillis(1), Map.of("copy", "retry"))), "token-midnight-2");

        StatsQuery aroundMidnight = new StatsQuery("web", midnight.minusSeconds(1800), midnight.plusSeconds(1800), ZoneOffset.UTC, List.of());
        assertThat(database.count("SELECT count() FROM events")).isEqualTo(4);
        assertThat(database.connection.stats().overview(aroundMidnight).count(Metric.EVENTS)).isEqualTo(2);
        assertThat(database.connection.stats().breakdown(aroundMidnight, Dimension.parse("prop:copy"), 10))
                .extracting(BreakdownRow::value).containsExactly("first");
    }

    @Test
    void textIsStoredAsSentWhateverItHolds() {
        String awkward = "it's a \"quote\", a back\\slash, a tab\t, a newline\n, unicode é ✓ and {braces:String}";
        store.write(List.of(page("t1", "anon-3", T0, Map.of("note", awkward))), "token-text-1");

        List<BreakdownRow> rows = database.connection.stats().breakdown(day(), Dimension.parse("prop:note"), 10);
        assertThat(rows).extracting(BreakdownRow::value).containsExactly(awkward);
    }

    @Test
    void eraseRemovesTheSubjectsEventsAndSessions() {
        store.write(List.of(page("e1", "anon-4", T0, Map.of()), page("e2", "anon-4", T0.plusSeconds(1), Map.of()),
                page("e3", "anon-5", T0, Map.of())), "token-erase-1");

        assertThat(store.erase(new Subject("web", null, "anon-4"))).isEqualTo(2);
        assertThat(database.count("SELECT count() FROM events WHERE anonymous_id = 'anon-4'")).isZero();
        assertThat(database.count("SELECT count() FROM sessions WHERE visitor_id = 'anon-4'")).isZero();
        assertThat(database.count("SELECT count() FROM events")).isEqualTo(1);
        assertThat(store.erase(new Subject(null, "nobody", null))).isZero();
    }

    @Test
    void anUnreachableServerIsReportedAsUnavailable() {
        ClickHouseSettings nowhere = new ClickHouseSettings("127.0.0.1", 1, "analytics", "default", "", "compress=false");
        try (ClickHouseConnection connection = ClickHouseAdapters.connect(nowhere)) {
            assertThat(connection.isReady()).isFalse();
            assertThatThrownBy(() -> connection.events().write(List.of(page("u1", "anon-6", T0, Map.of())), "token-down-1"))
                    .isInstanceOf(StoreUnavailableException.class);
            assertThatThrownBy(() -> connection.stats().sources()).isInstanceOf(StoreUnavailableException.class);
        }
        assertThat(database.connection.isReady()).isTrue();
    }

    private static StatsQuery day() {
        return new StatsQuery("web", T0.minusSeconds(3600), T0.plusSeconds(3600), ZoneOffset.UTC, List.of());
    }

    private static EnrichedEvent page(String messageId, String anonymousId, Instant at, Map<String, Object> properties) {
        String url = "https://example.com/pricing";
        EventContext context = new EventContext("10.0.0.0", "test-agent", new PageInfo(url, "/pricing", null, "Pricing", null),
                null, "en-KE", "Africa/Nairobi", null, "analytics.js", "1.0", Map.of("locale", "en-KE"));
        Event event = new Event("web", EventType.PAGE, messageId, null, anonymousId, at, null, null, at, null, "Pricing", null, null,
                context, properties, Map.of());
        return new EnrichedEvent(event, anonymousId, anonymousId + "-session", null, null, UrlParts.parse(url), null, null);
    }
}
