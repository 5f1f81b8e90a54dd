package app.tax.analytics.adapters.embedded;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import app.tax.analytics.application.port.out.StoreUnavailableException;
import app.tax.analytics.application.port.out.UserStore;
import app.tax.analytics.domain.enrich.DeviceInfo;
import app.tax.analytics.domain.enrich.EnrichedEvent;
import app.tax.analytics.domain.event.Event;
import app.tax.analytics.domain.event.EventContext;
import app.tax.analytics.domain.event.EventType;
import app.tax.analytics.domain.stats.BreakdownRow;
import app.tax.analytics.domain.stats.Dimension;
import app.tax.analytics.domain.stats.Metric;
import app.tax.analytics.domain.stats.StatsQuery;
import app.tax.analytics.domain.user.DashboardUser;
import app.tax.analytics.domain.user.Role;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.LockSupport;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What the contract suite does not cover: files, accounts, atomicity, concurrency, closing. */
class DuckDbStoreTest {
    private static final Instant DAY = Instant.parse("2024-03-09T00:00:00Z");
    private static final StatsQuery THAT_DAY = new StatsQuery("web", DAY, DAY.plusSeconds(86_400), ZoneOffset.UTC, List.of());

    @TempDir
    Path temp;

    private static List<EnrichedEvent> pages(String prefix, int count) {
        return IntStream.range(0, count)
                .mapToObj(i -> TestEvents.enrichedPage(prefix + i, "visitor-" + (i % 7), DAY.plusSeconds(i)))
                .toList();
    }

    private static long events(DuckDbStore store) {
        return store.stats().overview(THAT_DAY).count(Metric.EVENTS);
    }

    @Test
    void createsTheDirectoryAndKeepsDataAcrossReopening() {
        Path dataDir = temp.resolve("nested/data");
        try (DuckDbStore store = EmbeddedAdapters.openDuckDb(dataDir)) {
            store.events().write(pages("m", 3), "t1");
        }
        assertThat(dataDir.resolve("analytics.duckdb")).isRegularFile();
        // opening again finds the schema in place and the rows still there
        try (DuckDbStore store = EmbeddedAdapters.openDuckDb(dataDir)) {
            assertThat(events(store)).isEqualTo(3);
            assertThat(store.stats().sources()).containsExactly("web");
        }
    }

    /** A file written before V006 (no mobile columns) gets them on opening, and its screens count as views. */
    @Test
    void openingAnOlderFileAddsTheMobileColumnsAndFillsInTheScreens() throws Exception {
        Event screen = new Event("web", EventType.SCREEN, "s1", null, "anon-s", DAY.plusSeconds(60), null, null,
                DAY.plusSeconds(61), null, "Income", null, null, EventContext.EMPTY, Map.of(), Map.of());
        try (DuckDbStore store = EmbeddedAdapters.openDuckDb(temp)) {
            store.events().write(List.of(TestEvents.enrichedPage("p1", "anon-s", DAY),
                    new EnrichedEvent(screen, "anon-s", "session-anon-s", null, DeviceInfo.UNKNOWN, null, null, null)), "t1");
        }
        try (Connection old = DriverManager.getConnection("jdbc:duckdb:" + temp.resolve(DuckDbDatabase.FILE_NAME));
             Statement statement = old.createStatement()) {
            for (String column : List.of("network", "device_manufacturer", "device_model", "app_build", "app_version", "screen")) {
                statement.execute("ALTER TABLE events DROP COLUMN " + column);
            }
        }
        try (DuckDbStore store = EmbeddedAdapters.openDuckDb(temp)) {
            assertThat(store.stats().overview(THAT_DAY).count(Metric.PAGEVIEWS)).as("the page and the screen").isEqualTo(2);
            assertThat(store.stats().breakdown(THAT_DAY, Dimension.parse("screen"), 10)).extracting(BreakdownRow::value)
                    .containsExactly("Income");
            // new rows go into the added columns in the appender's order
            store.events().write(List.of(TestEvents.enrichedPage("p2", "anon-t", DAY.plusSeconds(120))), "t2");
            assertThat(events(store)).isEqualTo(3);
        }
    }

    @Test
    void aBatchOfAThousandRowsIsStoredOnceWhateverIsRetried() {
        try (DuckDbStore store = EmbeddedAdapters.openDuckDb(temp)) {
            List<EnrichedEvent> batch = pages("m", 1000);
            store.events().write(batch, "t1");
            assertThat(events(store)).isEqualTo(1000);

            // half of it again with 250 new events, and a duplicate inside the batch itself
            List<EnrichedEvent> overlapping = new ArrayList<>(batch.subList(500, 1000));
            overlapping.addAll(pages("n", 250));
            overlapping.add(overlapping.get(0));
            store.events().write(overlapping, "t2");
            assertThat(events(store)).isEqualTo(1250);
            assertThat(store.stats().overview(THAT_DAY).count(Metric.VISITORS)).isEqualTo(7);
        }
    }

    @Test
    void aBatchThatFailsStoresNothingAndTheNextOneWorks() {
        try (DuckDbStore store = EmbeddedAdapters.openDuckDb(temp)) {
            List<EnrichedEvent> batch = new ArrayList<>(pages("m", 100));
            // a property that is no JSON value cannot be written: the whole batch must fail
            batch.set(60, withProperty(batch.get(60), "broken", new Object()));

            assertThatThrownBy(() -> store.events().write(batch, "t1")).isInstanceOf(RuntimeException.class);
            assertThat(events(store)).isZero();

            store.events().write(pages("m", 100), "t1");
            assertThat(events(store)).isEqualTo(100);
        }
    }

    private static EnrichedEvent withProperty(EnrichedEvent row, String key, Object value) {
        Event e = row.event();
        Map<String, Object> properties = new HashMap<>(e.properties());
        properties.put(key, value);
        Event changed = new Event(e.source(), e.type(), e.messageId(), e.userId(), e.anonymousId(), e.timestamp(),
                e.originalTimestamp(), e.sentAt(), e.receivedAt(), e.event(), e.name(), e.groupId(), e.previousId(),
                e.context(), properties, e.traits());
        return new EnrichedEvent(changed, row.visitorId(), row.sessionId(), row.geo(), row.device(), row.page(),
                row.traffic(), row.campaign());
    }

    @Test
    void readersSeeWholeBatchesWhileTheWriterWrites() throws Exception {
        int batches = 10;
        int batchSize = 200;
        try (DuckDbStore store = EmbeddedAdapters.openDuckDb(temp)) {
            AtomicBoolean writing = new AtomicBoolean(true);
            List<CompletableFuture<List<Long>>> readers = new ArrayList<>();
            for (int r = 0; r < 2; r++) {
                readers.add(CompletableFuture.supplyAsync(() -> {
                    List<Long> seen = new ArrayList<>();
                    while (writing.get()) {
                        seen.add(events(store));
                        // leave the writer some of the machine's cores
                        LockSupport.parkNanos(Duration.ofMillis(2).toNanos());
                    }
                    return seen;
                }));
            }
            for (int b = 0; b < batches; b++) {
                store.events().write(pages("b" + b + "-", batchSize), "t" + b);
            }
            writing.set(false);

            for (CompletableFuture<List<Long>> reader : readers) {
                List<Long> seen = reader.get(60, TimeUnit.SECONDS);
                assertThat(seen).isNotEmpty().allSatisfy(count -> assertThat(count % batchSize).as("a batch seen in part").isZero());
                assertThat(seen).isSorted();
            }
            assertThat(events(store)).isEqualTo((long) batches * batchSize);
        }
    }

    @Test
    void accountsAreSavedReplacedListedAndRemoved() {
        try (DuckDbStore store = EmbeddedAdapters.openDuckDb(temp)) {
            UserStore users = store.users();
            Instant created = Instant.parse("2024-03-09T10:00:00.123Z");
            DashboardUser admin = new DashboardUser("Admin@Example.com", Role.ADMIN, "pbkdf2$hash-1", Set.of(), created);
            DashboardUser viewer = new DashboardUser("viewer@example.com", Role.VIEWER, "pbkdf2$hash-2", Set.of("web", "app"), created,
                    7_654_321_987_654_321L);
            assertThat(users.count()).isZero();
            users.save(viewer);
            users.save(admin);

            assertThat(users.count()).isEqualTo(2);
            assertThat(users.find("ADMIN@example.com")).contains(admin);
            assertThat(users.find("viewer@example.com")).contains(viewer);
            assertThat(users.find("nobody@example.com")).isEmpty();
            assertThat(users.find("not an e-mail")).isEmpty();
            assertThat(users.list()).extracting(DashboardUser::email).containsExactly("admin@example.com", "viewer@example.com");

            DashboardUser changed = viewer.withPasswordHash("pbkdf2$hash-3");
            users.save(changed);
            assertThat(users.count()).isEqualTo(2);
            assertThat(users.find("viewer@example.com")).contains(changed);

            assertThat(users.remove("Viewer@example.com")).isTrue();
            assertThat(users.remove("viewer@example.com")).isFalse();
            assertThat(users.list()).containsExactly(admin);
        }
        // accounts live in the file
        try (DuckDbStore store = EmbeddedAdapters.openDuckDb(temp)) {
            assertThat(store.users().count()).isEqualTo(1);
        }
    }

    @Test
    void aClosedStoreIsNotReadyAndRefusesWork() {
        DuckDbStore store = EmbeddedAdapters.openDuckDb(temp);
        assertThat(store.events().isReady()).isTrue();
        store.close();
        store.close();

        assertThat(store.events().isReady()).isFalse();
        assertThatThrownBy(() -> store.events().write(pages("m", 1), "t")).isInstanceOf(StoreUnavailableException.class);
        assertThatThrownBy(() -> store.stats().sources()).isInstanceOf(StoreUnavailableException.class);
        assertThatThrownBy(() -> store.users().count()).isInstanceOf(StoreUnavailableException.class);
    }

    @Test
    void aDataDirectoryThatCannotBeCreatedIsReportedClearly() throws Exception {
        Path file = Files.writeString(temp.resolve("not-a-directory"), "x");
        assertThatThrownBy(() -> EmbeddedAdapters.openDuckDb(file))
                .isInstanceOf(StoreUnavailableException.class)
                .hasMessageContaining("data directory");
    }
}
