package app.tax.analytics.adapters.embedded;

import static org.assertj.core.api.Assertions.assertThat;

import app.tax.analytics.domain.enrich.EnrichedEvent;
import app.tax.analytics.domain.event.Event;
import app.tax.analytics.domain.event.EventContext;
import app.tax.analytics.domain.event.EventType;
import app.tax.analytics.domain.stats.Metric;
import app.tax.analytics.domain.stats.StatsQuery;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A DuckDB file from before the identity map gets the links of its stored identify and alias events when opened. */
class DuckDbIdentityBackfillTest {
    private static final StatsQuery MAY = StatsQuery.parse("web", "2024-05-01", "2024-06-01", "UTC", null);

    @TempDir
    Path dataDir;

    @Test
    void theLinksOfStoredEventsAreBackfilledOnce() throws Exception {
        try (DuckDbStore store = EmbeddedAdapters.openDuckDb(dataDir)) {
            store.events().write(List.of(
                    event(EventType.PAGE, "m1", null, "anon-b", null, "2024-05-06T10:00:00Z"),
                    event(EventType.IDENTIFY, "m2", "user-b", "anon-b", null, "2024-05-06T10:01:00Z"),
                    event(EventType.ALIAS, "m3", "user-b2", null, "user-b", "2024-05-06T10:02:00Z"),
                    event(EventType.PAGE, "m4", "user-b2", null, null, "2024-05-07T10:00:00Z")), "batch");
            assertThat(store.stats().overview(MAY).count(Metric.VISITORS)).isEqualTo(1);
        }
        // as a file written before the identity map existed
        try (Connection connection = DriverManager.getConnection("jdbc:duckdb:" + dataDir.resolve(DuckDbDatabase.FILE_NAME).toAbsolutePath());
             Statement statement = connection.createStatement()) {
            statement.execute("DROP TABLE identities");
        }
        try (DuckDbStore store = EmbeddedAdapters.openDuckDb(dataDir)) {
            assertThat(store.stats().overview(MAY).count(Metric.VISITORS)).as("anon-b → user-b → user-b2 again").isEqualTo(1);
        }
        try (DuckDbStore store = EmbeddedAdapters.openDuckDb(dataDir)) {
            assertThat(store.stats().overview(MAY).count(Metric.VISITORS)).as("reopening changes nothing").isEqualTo(1);
        }
    }

    private static EnrichedEvent event(EventType type, String messageId, String userId, String anonymousId, String previousId, String at) {
        Instant time = Instant.parse(at);
        Event event = new Event("web", type, messageId, userId, anonymousId, time, time, time, time, null, null, null, previousId,
                EventContext.EMPTY, null, null);
        return new EnrichedEvent(event, event.visitorId(), event.visitorId() + "-session", null, null, null, null, null);
    }
}
