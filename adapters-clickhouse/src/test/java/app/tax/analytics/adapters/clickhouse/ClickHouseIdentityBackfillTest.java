package app.tax.analytics.adapters.clickhouse;

import static org.assertj.core.api.Assertions.assertThat;

import app.tax.analytics.domain.enrich.EnrichedEvent;
import app.tax.analytics.domain.event.Event;
import app.tax.analytics.domain.event.EventContext;
import app.tax.analytics.domain.event.EventType;
import app.tax.analytics.domain.stats.Metric;
import app.tax.analytics.domain.stats.StatsQuery;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** V007 on a database with events: the links of the identify and alias events already stored are written. */
class ClickHouseIdentityBackfillTest {
    private static final StatsQuery MAY = StatsQuery.parse("web", "2024-05-01", "2024-06-01", "UTC", null);

    @Test
    void v007BackfillsTheLinksOfStoredEvents() {
        try (ClickHouseTestDatabase database = ClickHouseTestDatabase.migrated("backfill")) {
            database.connection.events().write(List.of(
                    event(EventType.PAGE, "m1", null, "anon-b", null, "2024-05-06T10:00:00Z"),
                    event(EventType.IDENTIFY, "m2", "user-b", "anon-b", null, "2024-05-06T10:01:00Z"),
                    event(EventType.ALIAS, "m3", "user-b2", null, "user-b", "2024-05-06T10:02:00Z"),
                    event(EventType.IDENTIFY, "m4", "user-c", null, null, "2024-05-06T10:03:00Z"),
                    event(EventType.PAGE, "m5", "user-b2", null, null, "2024-05-07T10:00:00Z")), "backfill-batch");

            // back to a schema without the map, then forward again: V007 fills it from the events
            // (the migrations after V007 are undone first and come back with it)
            List<String> sinceV007 = ClickHouseMigrations.status(database.settings).stream()
                    .filter(name -> name.compareTo("V007") >= 0).toList();
            assertThat(ClickHouseMigrations.rollback(database.settings, sinceV007.size()))
                    .endsWith("V007__create_identities.sql");
            assertThat(ClickHouseMigrations.migrate(database.settings, Map.of())).isEqualTo(sinceV007);

            // anon-b → user-b → user-b2, and user-c (an identify without anonymousId links nothing)
            assertThat(database.connection.stats().overview(MAY).count(Metric.VISITORS)).isEqualTo(2);
        }
    }

    private static EnrichedEvent event(EventType type, String messageId, String userId, String anonymousId, String previousId, String at) {
        Instant time = Instant.parse(at);
        Event event = new Event("web", type, messageId, userId, anonymousId, time, time, time, time, null, null, null, previousId,
                EventContext.EMPTY, null, null);
        return new EnrichedEvent(event, event.visitorId(), event.visitorId() + "-session", null, null, null, null, null);
    }
}
